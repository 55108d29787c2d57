import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program/index.js';

/*
 * A run that names its command declares only that one (src/program/index.ts says why);
 * whatever else is on the command line gets every command, so help lists them all
 * and a typo is answered with the command it was probably meant to be.
 */

const names = (first?: string) => buildProgram(undefined, first).commands.map((command) => command.name());

describe('the commands a run declares', () => {
  it('is the one it names, with all its options', () => {
    expect(names('log')).toEqual(['log']);
    expect(names('merge-driver')).toEqual(['merge-driver']);
    const edit = buildProgram(undefined, 'edit').commands[0]!;
    expect(edit.options.map((option) => option.long)).toEqual(
      buildProgram()
        .commands.find((c) => c.name() === 'edit')!
        .options.map((o) => o.long),
    );
  });

  it('is every command for help, a global option first, a typo, or nothing at all', () => {
    const all = names();
    expect(all).toHaveLength(22);
    expect(all).toContain('glimmer');
    for (const first of ['help', '--help', '--file', 'lgo', ''] as const) expect(names(first)).toEqual(all);
  });
});
