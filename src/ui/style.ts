import { Chalk, type ChalkInstance } from 'chalk';
import type { Stream } from './stream.js';

type Env = Record<string, string | undefined>;

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
