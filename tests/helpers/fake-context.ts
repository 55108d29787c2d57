import path from 'node:path';
import type { Context } from '../../src/context.js';
import type { Config } from '../../src/journal/config.js';
import type { Env } from '../../src/journal/paths.js';
import { JournalStore } from '../../src/journal/store.js';
import type { Asker } from '../../src/ui/prompts.js';
import type { Stream } from '../../src/ui/stream.js';
import { makeStyle } from '../../src/ui/style.js';
import type { Clock, Key, KeyListener, TimerIO } from '../../src/ui/timer-screen.js';
import { unwrap } from './unwrap.js';

/** A clock that only moves when the test says so. */
export class FakeClock implements Clock {
  private timers: { every: number; next: number; run: () => void }[] = [];
  /** Called when the timer starts ticking, so a test can drive it from there. */
  onStart: (() => void) | undefined;

  constructor(public time = Date.parse('2026-11-22T21:30:00-08:00')) {}

  now = () => this.time;

  every = (ms: number, run: () => void) => {
    const timer = { every: ms, next: this.time + ms, run };
    this.timers.push(timer);
    if (this.onStart) setImmediate(this.onStart);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  /** Moves time forward, firing every interval that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      due.next += due.every;
      due.run();
    }
    this.time = end;
  }
}

export class Captured implements Stream {
  raw = '';
  isTTY: boolean;
  columns: number;
  constructor(
    isTTY = false,
    columns = 80,
    /** Read messages back one a line (not a terminal: broken at 80 columns when written). */
    private readonly messages = false,
  ) {
    this.isTTY = isTTY;
    this.columns = columns;
  }
  /** What was written; for a stream of messages, each message on one line. */
  get text(): string {
    return this.messages && !this.isTTY ? unwrap(this.raw) : this.raw;
  }
  write(chunk: string) {
    this.raw += chunk;
    return true;
  }
}

/** Keys a test presses into the live timer. */
export class FakeKeys {
  private listeners: KeyListener[] = [];
  on(_event: 'keypress', listener: KeyListener) {
    this.listeners.push(listener);
  }
  off(_event: 'keypress', listener: KeyListener) {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }
  press(text: string, key: Key = { name: text === ' ' ? 'space' : text }) {
    for (const listener of [...this.listeners]) listener(text, key);
  }
}

export interface FakeSetup {
  dir: string;
  interactive?: boolean;
  canAnimate?: boolean;
  asker?: Asker;
  config?: Config;
  /** The environment the command sees; by default only XDG folders inside `dir`, never the real home. */
  env?: Env;
  clock?: FakeClock;
  keys?: FakeKeys;
  columns?: number;
}

/** A Context with a temp journal, a fake clock and terminal, and scripted questions. */
export function fakeContext(setup: FakeSetup) {
  const clock = setup.clock ?? new FakeClock();
  const stdout = new Captured();
  const stderr = new Captured(setup.canAnimate ?? false, setup.columns ?? 80, true);
  const screen = new Captured(true, setup.columns ?? 80);
  const interrupts = new Set<() => void>();
  /** How many times the last interrupt listener went away: a real Ctrl-C then would kill the process. */
  let unguarded = 0;
  const file = path.join(setup.dir, 'journal.json');
  const env: Env = setup.env ?? {
    HOME: path.join(setup.dir, 'home'),
    XDG_DATA_HOME: path.join(setup.dir, 'data'),
    XDG_CONFIG_HOME: path.join(setup.dir, 'config'),
  };
  const ctx: Context = {
    file,
    env,
    pagesDir: path.join(setup.dir, 'state', 'attach', 'pages'),
    interactive: setup.interactive ?? false,
    canAnimate: setup.canAnimate ?? false,
    now: () => new Date(clock.now()),
    stdout,
    stderr,
    style: makeStyle(0),
    outStyle: makeStyle(0),
    journal: () => new JournalStore(file, { now: () => new Date(clock.now()) }),
    config: async () => setup.config ?? {},
    settings: async () => ({
      file: path.join(env.XDG_CONFIG_HOME ?? setup.dir, 'attach', 'config.json'),
      exists: false,
      config: setup.config ?? {},
      raw: null,
      problems: [],
      unreadable: false,
    }),
    asker: async () => {
      if (!setup.asker) throw new Error('this test did not expect questions');
      return setup.asker;
    },
    timerIO: async (live): Promise<TimerIO> => ({
      clock,
      out: live ? screen : stderr,
      ...(live && setup.keys ? { keys: setup.keys } : {}),
      // As process.on('SIGINT') does: every listener hears it, and with none left the signal's default action is back.
      onInterrupt: (listener) => {
        interrupts.add(listener);
        return () => {
          interrupts.delete(listener);
          if (interrupts.size === 0) unguarded++;
        };
      },
    }),
  };
  return {
    ctx,
    clock,
    stdout,
    stderr,
    screen,
    interrupt: () => {
      for (const listener of [...interrupts]) listener();
    },
    unguarded: () => unguarded,
  };
}
