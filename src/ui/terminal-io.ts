import { emitKeypressEvents } from 'node:readline';
import { type Clock, LEAVE_SCREEN, type TimerIO } from './timer-screen.js';

/** How long keys are swallowed after the timer ends, before the first question. */
const SETTLE_MS = 400;

/** The real terminal: raw keys from stdin (when `live`), resize and signals from the process. */
export function terminalIO(stdin: NodeJS.ReadStream, out: NodeJS.WriteStream, live: boolean, clock: Clock): TimerIO {
  const interrupts = new Set<() => void>();
  const onInterrupt = (listener: () => void) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, listener);
    interrupts.add(listener);
    return () => {
      for (const signal of signals) process.off(signal, listener);
      interrupts.delete(listener);
    };
  };
  const quiet = () => {
    if (!stdin.isTTY) return () => {};
    // In raw mode Ctrl-C is a byte, not a signal: pass it on as one.
    const swallow = (chunk: Buffer | string) => {
      if (String(chunk).includes('\u0003')) for (const listener of [...interrupts]) listener();
    };
    stdin.setRawMode(true);
    stdin.on('data', swallow);
    stdin.resume();
    return () => {
      stdin.off('data', swallow);
      stdin.setRawMode(false);
      stdin.pause();
    };
  };
  const settle = async () => {
    const stop = quiet();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    stop();
  };
  if (!live) return { clock, out, onInterrupt, quiet, settle };
  emitKeypressEvents(stdin);
  return {
    clock,
    out,
    keys: stdin,
    onResize: (listener) => {
      out.on('resize', listener);
      return () => out.off('resize', listener);
    },
    onInterrupt,
    quiet,
    settle,
    enter: () => {
      stdin.setRawMode(true);
      stdin.resume();
      // Whatever happens, the person gets their cursor and terminal back.
      const onExit = () => out.write(LEAVE_SCREEN);
      process.once('exit', onExit);
      return () => {
        process.off('exit', onExit);
        stdin.setRawMode(false);
        stdin.pause();
      };
    },
  };
}
