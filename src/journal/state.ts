import path from 'node:path';
import { readText, writeAtomic } from './atomic-file.js';
import { type Env, stateDir } from './paths.js';

/**
 * What attach remembers between runs that is not the person's journal: the
 * day a glimmer was last offered (so it is offered at most once a day). No
 * words of the journal are kept here, so it needs no encryption. A state
 * file that can't be read is as good as none: it never stops a command.
 */
export interface State {
  glimmerShownOn?: string;
  [other: string]: unknown;
}

const file = (env: Env) => path.join(stateDir(env), 'state.json');

export async function readState(env: Env): Promise<State> {
  try {
    const data: unknown = JSON.parse((await readText(file(env))) ?? '{}');
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as State) : {};
  } catch {
    return {};
  }
}

export async function writeState(env: Env, state: State): Promise<void> {
  await writeAtomic(file(env), `${JSON.stringify(state, null, 2)}\n`).catch(() => {
    // Remembering is a kindness, not a duty: a state that can't be written only means the offer may come again.
  });
}
