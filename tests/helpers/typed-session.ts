import { afterEach } from 'vitest';
import type { Entry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandboxes } from './cli.js';
import { Terminal } from './pty.js';

/**
 * The set-up every keystroke file shares: sandboxes and terminals made by its
 * tests, all cleaned up after each one, terminals of `cols` columns, and the
 * journal's entries as `attach list --json` gives them.
 */
export function typedSession(cols: number) {
  const newBox = sandboxes();
  const terminals: Terminal[] = [];
  // Registered after the sandboxes' clean-up, so it runs before it (vitest runs after-hooks last in, first out):
  // the terminals stop before their folders go.
  afterEach(() => {
    for (const term of terminals.splice(0)) term.kill();
  });
  return {
    newBox,
    start(box: Sandbox, args: string[], env: Record<string, string | undefined> = {}): Terminal {
      const term = new Terminal(box, args, { cols, env });
      terminals.push(term);
      return term;
    },
    entries: (box: Sandbox, env: NodeJS.ProcessEnv = {}): Entry[] => JSON.parse(attach(box, ['list', '--json'], env).stdout) as Entry[],
  };
}
