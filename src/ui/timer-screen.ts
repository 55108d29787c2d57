import type { ChalkInstance } from 'chalk';
import { renderFrame } from '../render/pause-frame.js';
import { cueAt, type Step } from '../timer/breath.js';
import * as timer from '../timer/machine.js';
import type { Stream } from './stream.js';

/** The clock, replaceable so tests run a 20-minute pause without waiting. */
export interface Clock {
  now(): number;
  every(ms: number, run: () => void): () => void;
}

export interface Key {
  name?: string;
  sequence?: string;
  ctrl?: boolean;
  meta?: boolean;
}

export type KeyListener = (text: string | undefined, key: Key | undefined) => void;

/** Where the timer draws, hears keys and signals; `keys` is absent in plain mode. */
export interface TimerIO {
  clock: Clock;
  out: Stream;
  keys?: { on(event: 'keypress', listener: KeyListener): unknown; off(event: 'keypress', listener: KeyListener): unknown };
  onResize?(listener: () => void): () => void;
  onInterrupt(listener: () => void): () => void;
  /** Puts the terminal into the timer's mode and returns how to put it back. */
  enter?(): () => void;
  /**
   * Keys typed now are swallowed, not left for the questions after the timer
   * (Ctrl-C still interrupts); returns how to stop. Only a real terminal has it.
   */
  quiet?(): () => void;
  /** A moment of quiet after the timer, so a key pressed as it ends answers nothing. */
  settle?(): Promise<void>;
}

export interface TimerOptions {
  title: string;
  plannedMs: number;
  steps: readonly Step[] | null;
  ideas: readonly string[];
  bell: boolean;
  style: ChalkInstance;
}

export interface TimerOutcome {
  state: timer.TimerState;
  notes: string[];
  /** A note still being typed when the time ran out (or at q): the person finishes it after the timer. */
  unfinished?: string;
  /** The message the urge wanted sent, held with `m` (or half-written when it ended): never sent by attach. */
  message?: string;
  startedAt: number;
  endedAt: number;
}

const FRAME_MS = 200;
const PLAIN_TICK_MS = 1000;

// Alternate screen, cursor hidden: the frame redraws at the top without
// scrolling, and the person's terminal comes back untouched afterwards.
const ENTER_SCREEN = '\u001b[?1049h\u001b[?25l';
export const LEAVE_SCREEN = '\u001b[?25h\u001b[?1049l';
const HOME = '\u001b[H';
const CLEAR_LINE_END = '\u001b[K';
const CLEAR_BELOW = '\u001b[J';

/** Runs the pause to its end (time up, `q`, or Ctrl-C) and says how it ended. */
export function runTimer(options: TimerOptions, io: TimerIO): Promise<TimerOutcome> {
  return io.keys ? runLive(options, io) : runPlain(options, io);
}

function runLive(options: TimerOptions, io: TimerIO): Promise<TimerOutcome> {
  const { clock, out } = io;
  const startedAt = clock.now();
  let state = timer.start(options.plannedMs, startedAt);
  /** What is being typed after `n` (a note) or `m` (the message the urge wants sent), or null. */
  let typing: { kind: 'note' | 'message'; text: string } | null = null;
  let message: string | undefined;
  const notes: string[] = [];
  let shown = '';

  return new Promise((resolve) => {
    const restore = io.enter?.() ?? (() => {});
    out.write(ENTER_SCREEN);

    const draw = (force = false) => {
      const now = clock.now();
      const elapsed = timer.elapsedMs(state, now);
      const lines = renderFrame(
        {
          title: options.title,
          width: out.columns ?? 80,
          paused: state.status === 'paused',
          remainingMs: timer.remainingMs(state, now),
          plannedMs: state.plannedMs,
          elapsedMs: elapsed,
          cue: options.steps ? cueAt(options.steps, elapsed) : null,
          ideas: options.ideas,
          typing,
          notesSaved: notes.length,
          messageHeld: message !== undefined,
        },
        options.style,
      );
      const frame = HOME + lines.map((text) => text + CLEAR_LINE_END).join('\n') + CLEAR_BELOW;
      // Only write when something changed: the timer should cost next to nothing while it waits.
      if (force || frame !== shown) out.write(frame);
      shown = frame;
    };

    const finish = () => {
      // Words half-typed when it ended are never lost: a note is kept as it is at Ctrl-C, else finished
      // after the timer; a message half-written is held like one finished.
      const half = typing?.text.trim() ? typing : null;
      const unfinished = half?.kind === 'note' ? half.text : undefined;
      if (unfinished !== undefined && state.status === 'cancelled') notes.push(unfinished.trim());
      if (half?.kind === 'message') message = half.text.trim();
      typing = null;
      stopTicking();
      io.keys?.off('keypress', onKey);
      stopResize();
      stopInterrupt();
      out.write(LEAVE_SCREEN);
      restore();
      if (state.status === 'done') out.write(`Time's up.${options.bell ? '\u0007' : ''}\n`);
      const keep = unfinished !== undefined && state.status !== 'cancelled' ? { unfinished } : {};
      resolve({ state, notes, startedAt, endedAt: clock.now(), ...keep, ...(message === undefined ? {} : { message }) });
    };

    const update = (next: timer.TimerState) => {
      state = next;
      if (timer.isOver(state)) finish();
      else draw();
    };

    const onKey = (text: string | undefined, key: Key | undefined) => {
      const now = clock.now();
      if (key?.ctrl && key.name === 'c') return update(timer.cancel(state, now));
      if (typing !== null) {
        // Esc and a key pressed within readline's escape timeout arrive as one key with meta (Esc then m: "meta+m"):
        // they are the two, so the line being typed is dropped and the key acts as itself (m starts the message).
        const after = key?.meta && key.sequence?.length === 2 && key.sequence.startsWith('\u001b') ? key.sequence[1]! : '';
        if (after) {
          typing = null;
          return onKey(after, { ...key, meta: false, sequence: after });
        }
        if (key?.name === 'return' || key?.name === 'enter') {
          const words = typing.text.trim();
          if (words && typing.kind === 'note') notes.push(words);
          if (words && typing.kind === 'message') message = words;
          typing = null;
        } else if (key?.name === 'escape') typing = null;
        else if (key?.name === 'backspace') typing.text = [...typing.text].slice(0, -1).join('');
        else if (text && !key?.ctrl && !key?.meta && !/[\u0000-\u001f\u007f]/.test(text)) typing.text += text;
        return update(timer.tick(state, now));
      }
      switch (key?.name ?? text) {
        case 'space':
          return update(timer.togglePause(state, now));
        case 'q':
          return update(timer.stop(state, now));
        case 'n':
          typing = { kind: 'note', text: '' };
          return draw();
        case 'm':
          // The message held so far is in the line to change.
          typing = { kind: 'message', text: message ?? '' };
          return draw();
      }
      if (text === '+' || text === '=') return update(timer.addMinute(state, now, 1));
      if (text === '-' || text === '_') return update(timer.addMinute(state, now, -1));
    };

    io.keys?.on('keypress', onKey);
    const stopResize = io.onResize?.(() => draw(true)) ?? (() => {});
    const stopInterrupt = io.onInterrupt(() => update(timer.cancel(state, clock.now())));
    const stopTicking = clock.every(FRAME_MS, () => update(timer.tick(state, clock.now())));
    draw(true);
  });
}

/** Without a terminal (or --plain): no animation, no keys, a line a minute on stderr. */
function runPlain(options: TimerOptions, io: TimerIO): Promise<TimerOutcome> {
  const { clock, out } = io;
  const startedAt = clock.now();
  let state = timer.start(options.plannedMs, startedAt);
  const minutesLeft = () => Math.ceil(timer.remainingMs(state, clock.now()) / timer.MINUTE_MS);
  let lastSaid = minutesLeft();
  return new Promise((resolve) => {
    // Plain mode hears no keys, but a terminal still buffers them for the questions after: swallow them.
    const stopQuiet = io.quiet?.() ?? (() => {});
    const finish = () => {
      stopQuiet();
      stopTicking();
      stopInterrupt();
      if (state.status === 'done') out.write(`Time's up.${options.bell ? '\u0007' : ''}\n`);
      resolve({ state, notes: [], startedAt, endedAt: clock.now() });
    };
    const stopInterrupt = io.onInterrupt(() => {
      state = timer.cancel(state, clock.now());
      finish();
    });
    const stopTicking = clock.every(PLAIN_TICK_MS, () => {
      state = timer.tick(state, clock.now());
      if (timer.isOver(state)) return finish();
      const left = minutesLeft();
      if (left < lastSaid) out.write(`${left} min left\n`);
      lastSaid = left;
    });
  });
}

/** A pause timed to its end, and whether the person interrupted it while it was being saved. */
export interface TimedPause {
  outcome: TimerOutcome;
  /** Whether a Ctrl-C (or a closing terminal) came after the timer ended, before `release`. */
  interrupted(): boolean;
  /** The pause is saved: an interruption from now on is not counted (the program is ending, with its own exit code). */
  release(): void;
}

/**
 * Runs the timer, then holds interruptions until the pause is saved: from
 * the end of the timer until then, a second Ctrl-C (or a closing terminal)
 * must not kill the process halfway, so it is noted, the pause is saved,
 * and then attach stops. With `ask` (questions follow), a key pressed as the
 * time ran out is swallowed rather than answering the first of them.
 */
export async function timePause(options: TimerOptions, io: TimerIO, ask: boolean): Promise<TimedPause> {
  // Listening from before the timer starts until the process ends: when the last listener of a signal goes, the
  // signal's default action is back, and a Ctrl-C in that instant (between the timer's listener and this one, or
  // between the save and the program's own end) killed the process instead of saving the pause.
  // Counted only between the end of the timer (whose own listener hears a Ctrl-C before then) and the save.
  let saving = false;
  let interrupted = false;
  io.onInterrupt(() => {
    if (saving) interrupted = true;
  });
  const outcome = await runTimer(options, io);
  saving = true;
  if (ask && outcome.state.status !== 'cancelled') await io.settle?.();
  return {
    outcome,
    interrupted: () => interrupted,
    release: () => {
      saving = false;
    },
  };
}
