import type { ChalkInstance } from 'chalk';
import type { Config } from './journal/config.js';
import type { Env } from './journal/paths.js';
import { JournalStore } from './journal/store.js';
import type { Asker } from './ui/prompts.js';
import { line, type Stream } from './ui/stream.js';
import { colorLevel, makeStyle } from './ui/style.js';
import type { TimerIO } from './ui/timer-screen.js';

/** What every command is given: the journal path, the terminal and the clock, all replaceable in tests. */
export interface Context {
  file: string;
  /** attach's own 0700 folder for the HTML pages of report and progress. */
  pagesDir: string;
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

export interface GlobalOptions {
  file?: string;
  color?: boolean;
  input?: boolean;
}

/** The real terminal, the real clock, and the journal path of DESIGN.md section 2. */
export async function createContext(globals: GlobalOptions, command: string, env: Env = process.env): Promise<Context> {
  const [{ journalPath, pagesPath }, { readConfig }] = await Promise.all([import('./journal/paths.js'), import('./journal/config.js')]);
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
  const asker = async () => (await import('./ui/prompts.js')).createAsker();
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
    pagesDir: pagesPath(env),
    interactive,
    canAnimate: interactive && Boolean(process.stderr.isTTY),
    config: () => settings,
    asker,
    ...(passphrase ? { passphrase } : {}),
    timerIO: async (live) => (await import('./ui/timer-screen.js')).terminalIO(process.stdin, process.stderr, live),
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
