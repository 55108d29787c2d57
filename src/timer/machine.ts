/**
 * The pause timer as a pure state machine. Every function takes the state
 * and the clock's reading (ms) and returns a new state, so the timer can be
 * driven by a fake clock in tests and by the real one in a terminal.
 */

export type TimerStatus = 'running' | 'paused' | 'done' | 'stopped' | 'cancelled';

export interface TimerState {
  status: TimerStatus;
  plannedMs: number;
  /** Running time counted up to `since` (time spent paused is never counted). */
  countedMs: number;
  /** Clock reading when the current running stretch began; null while not running. */
  since: number | null;
}

export const MINUTE_MS = 60_000;
export const MAX_PLANNED_MS = 180 * MINUTE_MS;

export function start(plannedMs: number, now: number): TimerState {
  return { status: 'running', plannedMs, countedMs: 0, since: now };
}

export function elapsedMs(state: TimerState, now: number): number {
  const running = state.since === null ? 0 : Math.max(0, now - state.since);
  return Math.min(state.countedMs + running, state.plannedMs);
}

export function remainingMs(state: TimerState, now: number): number {
  return state.plannedMs - elapsedMs(state, now);
}

export function isOver(state: TimerState): boolean {
  return state.status === 'done' || state.status === 'stopped' || state.status === 'cancelled';
}

/** Freezes the running time into `countedMs` and moves to `status`. */
function settle(state: TimerState, now: number, status: TimerStatus): TimerState {
  return { ...state, status, countedMs: elapsedMs(state, now), since: status === 'running' ? now : null };
}

/** Called on every clock tick: the time running out ends the pause as completed. */
export function tick(state: TimerState, now: number): TimerState {
  if (state.status !== 'running' || remainingMs(state, now) > 0) return state;
  return settle(state, now, 'done');
}

export function togglePause(state: TimerState, now: number): TimerState {
  if (state.status === 'running') return settle(state, now, 'paused');
  if (state.status === 'paused') return { ...state, status: 'running', since: now };
  return state;
}

/**
 * `+` and `-`: a minute more or less. Less never leaves under a minute to go
 * (or shortens a pause that already has less than a minute left); more stops
 * at the 180-minute limit.
 */
export function addMinute(state: TimerState, now: number, direction: 1 | -1): TimerState {
  if (isOver(state)) return state;
  const elapsed = elapsedMs(state, now);
  let plannedMs: number;
  if (direction > 0) plannedMs = Math.min(state.plannedMs + MINUTE_MS, MAX_PLANNED_MS);
  else plannedMs = Math.max(state.plannedMs - MINUTE_MS, Math.min(state.plannedMs, elapsed + MINUTE_MS));
  return { ...state, plannedMs };
}

/** `q`: finish early; saved with completed: false. */
export function stop(state: TimerState, now: number): TimerState {
  return isOver(state) ? state : settle(state, now, 'stopped');
}

/** Ctrl-C: the pause is saved as not completed and the program exits 130. */
export function cancel(state: TimerState, now: number): TimerState {
  return isOver(state) ? state : settle(state, now, 'cancelled');
}
