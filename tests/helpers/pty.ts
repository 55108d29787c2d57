import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
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
    const guard = new OutputGuard(this.proc);
    this.proc.onData((data) => {
      this.output = guard.seen(this.output + data);
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

/**
 * On Linux, node-pty can lose the end of what a program wrote just before it exited (microsoft/node-pty#726 and #85):
 * once the program's side of the terminal is closed, whatever the reader had not read yet is gone, and node-pty itself
 * destroys its socket 200 ms after the exit. Seen here: a `list --json` cut at 4 KB on a busy machine. So the test
 * holds the program's side open too, and once the program has exited writes a marker into it: the marker comes out
 * after everything the program wrote, and when it has been read, nothing is left to lose and the side is let go.
 */
class OutputGuard {
  private slave: number | undefined;
  private readonly marker = `[[output read to here ${randomBytes(6).toString('hex')}]]`;
  /** What is left to write of the marker (the terminal may take part of it at a time); null until the exit. */
  private unsent: Buffer | null = null;

  constructor(proc: pty.IPty) {
    type Socket = { destroy(error?: Error): unknown };
    const inner = proc as unknown as { _socket?: Socket; ptsName?: string };
    const socket = inner._socket;
    if (process.platform !== 'linux' || !socket || !inner.ptsName) return;
    this.slave = openSync(inner.ptsName, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    // node-pty notes the exit here (then waits for its socket to close, or destroys it 200 ms later).
    let exited = false;
    Object.defineProperty(proc, '_boundClose', {
      configurable: true,
      get: () => exited,
      set: (value: boolean) => {
        exited = value;
        this.sendMarker();
      },
    });
    // Its destroy 200 ms after the exit would drop what is still unread: while the marker is on its way, the socket
    // stays (and the marker goes, should the exit have been missed above).
    const destroy = socket.destroy.bind(socket);
    socket.destroy = (error?: Error) => {
      if (error || this.slave === undefined) return destroy(error);
      this.sendMarker();
      return socket;
    };
    proc.onExit(() => this.release());
  }

  /** The output so far, without the marker; once the marker is in it, the program's side is let go. */
  seen(output: string): string {
    if (this.slave === undefined || !output.includes(this.marker)) return output;
    this.release();
    return output.replace(this.marker, '');
  }

  private sendMarker(): void {
    if (this.slave === undefined) return;
    if (this.unsent === null) this.unsent = Buffer.from(this.marker);
    else if (this.unsent.length === 0) return;
    try {
      this.unsent = this.unsent.subarray(writeSync(this.slave, this.unsent));
    } catch (error) {
      // Any answer but "full": nothing more can come out, so there is nothing to wait for.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        this.release();
        return;
      }
    }
    // The terminal is full: the rest once the reader has made room.
    if (this.unsent.length > 0) setImmediate(() => this.sendMarker());
  }

  private release(): void {
    if (this.slave !== undefined) closeSync(this.slave);
    this.slave = undefined;
  }
}

function matchOf(text: string, pattern: RegExp): { index: number; match: string[] } {
  const match = pattern.exec(text);
  return match ? { index: match.index, match: [...match].map((group) => group ?? '') } : { index: -1, match: [] };
}
