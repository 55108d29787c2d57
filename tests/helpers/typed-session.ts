import { afterEach } from 'vitest';
import type { Entry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from './cli.js';
import { Terminal } from './pty.js';

/**
 * The set-up every keystroke file shares: sandboxes and terminals made by its
 * tests, all cleaned up after each one, terminals of `cols` columns, and the
 * journal's entries as `attach list --json` gives them.
 */
export function typedSession(cols: number) {
  const boxes: Sandbox[] = [];
  const terminals: Terminal[] = [];
  afterEach(() => {
    for (const term of terminals.splice(0)) term.kill();
    for (const box of boxes.splice(0)) box.cleanup();
  });
  return {
    newBox(): Sandbox {
      const box = sandbox();
      boxes.push(box);
      return box;
    },
    start(box: Sandbox, args: string[], env: Record<string, string | undefined> = {}): Terminal {
      const term = new Terminal(box, args, { cols, env });
      terminals.push(term);
      return term;
    },
    entries: (box: Sandbox, env: NodeJS.ProcessEnv = {}): Entry[] => JSON.parse(attach(box, ['list', '--json'], env).stdout) as Entry[],
  };
}
