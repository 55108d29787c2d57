import * as pty from 'node-pty';
import { BIN, CLI_NODE, ROOT, type Sandbox } from './cli.js';

/*
 * Driving the built CLI through a real pseudo-terminal (node-pty), as a
 * person at a keyboard would: stdin, stdout and stderr are a TTY. Answers are
 * typed only once their question is on screen; the screen is polled in small
 * steps up to a deadline, never slept on.
 */

export const KEY = {
  enter: '\r',
  down: '\x1b[B',
  up: '\x1b[A',
  space: ' ',
  escape: '\x1b',
  ctrlC: '\x03',
} as const;

// CSI sequences (cursor moves, erase, colours, show/hide cursor) and OSC titles.
export const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]/g;

export const stripAnsi = (text: string): string => text.replace(ANSI, '');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TerminalOptions {
  cols?: number;
  rows?: number;
  /** Added to (or, as undefined, removed from) the sandbox's environment. */
  env?: Record<string, string | undefined>;
}

/** A running `attach` in a terminal, with what it has drawn so far and a reading position. */
export class Terminal {
  private output = '';
  /** Where the next `waitFor` starts looking in the plain text, so an old frame never answers for a new one. */
  private seen = 0;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  private readonly proc: pty.IPty;

  constructor(box: Sandbox, args: string[], options: TerminalOptions = {}) {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...box.env, TERM: 'xterm-256color', ...options.env })) {
      if (value !== undefined) env[name] = value;
    }
    this.proc = pty.spawn(CLI_NODE, [BIN, ...args], {
      name: 'xterm-256color',
      cols: options.cols ?? 100,
      rows: options.rows ?? 40,
      cwd: ROOT,
      env,
    });
    this.proc.onData((data) => {
      this.output += data;
    });
    this.exited = new Promise((resolve) => this.proc.onExit(resolve));
  }

  /** Everything written to the terminal so far, escape sequences included. */
  get raw(): string {
    return this.output;
  }

  /** Everything drawn so far, without escape sequences. */
  get text(): string {
    return stripAnsi(this.output);
  }

  /**
   * Waits until `what` appears after the reading position, then moves the
   * position past it; returns what matched (with a pattern's groups).
   */
  async waitFor(what: string | RegExp, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.text.slice(this.seen);
      const found = typeof what === 'string' ? { index: rest.indexOf(what), match: [what] } : matchOf(rest, what);
      if (found.index >= 0) {
        this.seen += found.index + (found.match[0]?.length ?? 0);
        return found.match;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${String(what)} on the terminal. The screen since the last answer:\n${rest}`);
      }
      await sleep(10);
    }
  }

  type(...keys: string[]): void {
    for (const key of keys) this.proc.write(key);
  }

  resize(cols: number, rows: number): void {
    this.proc.resize(cols, rows);
  }

  async exit(timeoutMs = 10_000): Promise<{ exitCode: number; signal?: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`attach did not exit in time. The screen:\n${this.text}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    try {
      this.proc.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function matchOf(text: string, pattern: RegExp): { index: number; match: string[] } {
  const match = pattern.exec(text);
  return match ? { index: match.index, match: [...match].map((group) => group ?? '') } : { index: -1, match: [] };
}
