import type { ChalkInstance } from 'chalk';
import { type Config, readSettings, type Settings } from './journal/config.js';
import { type Env, journalPath, pagesPath } from './journal/paths.js';
import { JournalStore } from './journal/store.js';
import { clean } from './render/clean.js';
import type { Asker } from './ui/prompts.js';
import { type Stream, say } from './ui/stream.js';
import { colorLevel, makeStyle } from './ui/style.js';
import type { Clock, TimerIO } from './ui/timer-screen.js';

/**
 * What every command is given: the journal path, the terminal, the clock and
 * the environment, all replaceable in tests. This module is the one place
 * that reads process.env and the real clock; everything else is handed them.
 */
export interface Context {
  file: string;
  /** The environment variables (process.env here): where files are by default, ATTACH_PASSPHRASE. */
  env: Env;
  /** attach's own 0700 folder for the HTML pages of report and progress. */
  pagesDir: string;
  /** stdin and stdout are a terminal and --no-input was not given: prompts are allowed. */
  interactive: boolean;
  now: () => Date;
  stdout: Stream;
  stderr: Stream;
  /** Colours for messages on stderr. */
  style: ChalkInstance;
  /**
   * Colours for data on stdout (a report's headings): on when stdout is a
   * terminal, or when FORCE_COLOR asks for them even into a pipe; never in a
   * file written with -o.
   */
  outStyle: ChalkInstance;
  /** The journal at `file`, with this context's clock. */
  journal(): JournalStore;
  /** Preferences from the config file: only the ones that can be used (a bad one falls back to its default). */
  config(): Promise<Config>;
  /** The settings file as read, with what was ignored and why (config and doctor show it). */
  settings(): Promise<Settings>;
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
  passphrase?: (again?: string) => Promise<string>;
}

export interface GlobalOptions {
  file?: string;
  color?: boolean;
  input?: boolean;
}

/** The pause timer's clock: the real one, ticking with setInterval (tests give theirs). */
const timerClock: Clock = {
  now: () => Date.now(),
  every: (ms, run) => {
    const handle = setInterval(run, ms);
    return () => clearInterval(handle);
  },
};

/** The real terminal, the real clock, and the journal path of DESIGN.md section 2. */
export async function createContext(globals: GlobalOptions, command: string, env: Env = process.env): Promise<Context> {
  // The settings may name the journal, so they are read first. A bad or
  // unreadable setting never stops a command (a moment must never be lost
  // to a typo in config.json): it is ignored, its default used, and said so
  // once, here, except by the two commands that show settings themselves.
  const settings = await readSettings(env);
  const config = settings.config;
  // The prompts colour through Node's own hasColors(), which reads NO_COLOR
  // and FORCE_COLOR (FORCE_COLOR first): this is how --no-color reaches them too.
  if (globals.color === false) {
    process.env.NO_COLOR = '1';
    delete process.env.FORCE_COLOR;
  }
  const file = journalPath(globals.file, env, config.journal);
  const now = () => new Date();
  const style = makeStyle(colorLevel(process.stderr, env, globals.color === false));
  const outStyle = makeStyle(colorLevel(process.stdout, env, globals.color === false));
  if (command !== 'config' && command !== 'doctor') for (const problem of settings.problems) say(process.stderr, problem);
  const interactive = globals.input !== false && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
  const asker = async () => (await import('./ui/prompts.js')).createAsker();
  // A passphrase can be asked even when stdout is a pipe (`attach list | less`): the prompt is on stderr.
  const canAsk = globals.input !== false && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY);
  const fromEnv = env.ATTACH_PASSPHRASE;
  const passphrase = fromEnv
    ? async () => fromEnv
    : canAsk
      ? async (again?: string) => (await asker()).secret({ message: again ? `${again} Passphrase:` : 'Passphrase for your journal:' })
      : undefined;
  return {
    file,
    env,
    pagesDir: pagesPath(env),
    interactive,
    canAnimate: interactive && Boolean(process.stderr.isTTY),
    config: async () => config,
    settings: async () => settings,
    asker,
    ...(passphrase ? { passphrase } : {}),
    timerIO: async (live) => (await import('./ui/terminal-io.js')).terminalIO(process.stdin, process.stderr, live, timerClock),
    now,
    stdout: process.stdout,
    stderr: process.stderr,
    style,
    outStyle,
    journal: () =>
      new JournalStore(file, {
        now,
        ...(passphrase ? { passphrase, passphraseTries: fromEnv ? 1 : 3 } : {}),
        onLockWait: () => say(process.stderr, style.dim('Waiting for another attach to finish with your journal…')),
        onKeptBeside: (kept) =>
          say(
            process.stderr,
            style.dim(`Your journal was busy, so this is kept beside it for now (${clean(kept)}); the next write takes it in.`),
          ),
      }),
  };
}
