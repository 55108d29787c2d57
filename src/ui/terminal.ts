import { Chalk, type ChalkInstance } from 'chalk';
import type { Config } from '../journal/config.js';
import type { Env } from '../journal/paths.js';
import type { Asker } from './prompts.js';
import type { TimerIO } from './timer-screen.js';
import { JournalStore } from '../journal/store.js';

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What every command is given: the journal path, the terminal and the clock, all replaceable in tests. */
export interface Context {
  file: string;
  /** stdin and stdout are a terminal and --no-input was not given: prompts are allowed. */
  interactive: boolean;
  now: () => Date;
  stdout: Stream;
  stderr: Stream;
  /** Colours for messages on stderr. */
  style: ChalkInstance;
  /** The journal at `file`, with this context's clock. */
  journal(): JournalStore;
  /** Preferences from the config file. */
  config(): Promise<Config>;
  /** Asks questions (only called when `interactive`). */
  asker(): Promise<Asker>;
  /** Where the pause timer draws and hears keys; `live` means animated with keys. */
  timerIO(live: boolean): Promise<TimerIO>;
  /** Whether the timer can animate: interactive, and stderr (where it draws) is a terminal. */
  canAnimate: boolean;
  /**
   * The passphrase of an encrypted journal: $ATTACH_PASSPHRASE, else asked
   * (hidden) when there is a terminal to ask on; undefined when neither.
   */
  passphrase?: () => Promise<string>;
}

/**
 * NO_COLOR (any non-empty value) and --no-color turn colour off; FORCE_COLOR
 * turns it on even when piped (FORCE_COLOR=0 turns it off).
 */
export function colorLevel(stream: Stream, env: Env, noColorFlag: boolean): 0 | 1 {
  if (noColorFlag) return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  if (env.NO_COLOR) return 0;
  if (env.TERM === 'dumb') return 0;
  return stream.isTTY ? 1 : 0;
}

export function makeStyle(level: 0 | 1): ChalkInstance {
  return new Chalk({ level });
}

/**
 * Shows what a person stored without letting the terminal interpret it: an
 * escape sequence pasted into a note must not move the cursor or recolour
 * the screen. Control characters become visible as \xNN.
 */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * JSON for a stream: on a terminal, the C1 controls and DEL that
 * JSON.stringify lets through are written as \u escapes (it escapes C0
 * itself), so stored text cannot drive the terminal; the data read back is
 * the same. Piped output is left exactly as JSON.stringify makes it.
 */
export function jsonFor(stream: Stream, value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return stream.isTTY ? text.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** One line on stdout or stderr. */
export function line(stream: Stream, text = ''): void {
  stream.write(`${text}\n`);
}

export interface GlobalOptions {
  file?: string;
  color?: boolean;
  input?: boolean;
}

/** The real terminal, the real clock, and the journal path of DESIGN.md section 2. */
export async function createContext(globals: GlobalOptions, command: string, env: Env = process.env): Promise<Context> {
  const [{ journalPath }, { readConfig }] = await Promise.all([import('../journal/paths.js'), import('../journal/config.js')]);
  // The settings may name the journal, so they are read first. Broken
  // settings stop every command (writing to another journal than the one
  // meant would be worse), except the two that exist to look at them.
  const settings = readConfig(env);
  const config = await settings.catch((error: unknown): Config => {
    if (command === 'doctor' || command === 'config') return {};
    throw error;
  });
  // The prompts colour through Node's own hasColors(), which reads NO_COLOR;
  // this is how --no-color reaches them too.
  if (globals.color === false) process.env.NO_COLOR = '1';
  const file = journalPath(globals.file, env, config.journal);
  const now = () => new Date();
  const style = makeStyle(colorLevel(process.stderr, env, globals.color === false));
  const interactive = globals.input !== false && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
  const asker = async () => (await import('./prompts.js')).createAsker();
  // A passphrase can be asked even when stdout is a pipe (`attach list | less`): the prompt is on stderr.
  const canAsk = globals.input !== false && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY);
  const fromEnv = env.ATTACH_PASSPHRASE;
  const passphrase = fromEnv
    ? async () => fromEnv
    : canAsk
      ? async () => (await asker()).secret({ message: 'Passphrase for your journal:' })
      : undefined;
  return {
    file,
    interactive,
    canAnimate: interactive && Boolean(process.stderr.isTTY),
    config: () => settings,
    asker,
    ...(passphrase ? { passphrase } : {}),
    timerIO: async (live) => (await import('./timer-screen.js')).terminalIO(process.stdin, process.stderr, live),
    now,
    stdout: process.stdout,
    stderr: process.stderr,
    style,
    journal: () =>
      new JournalStore(file, {
        now,
        ...(passphrase ? { passphrase } : {}),
        onLockWait: () => line(process.stderr, style.dim('Waiting for another attach to finish with your journal…')),
      }),
  };
}
