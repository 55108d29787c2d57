import { describe, expect, it } from 'vitest';
import { attach } from '../helpers/cli.js';
import { KEY } from '../helpers/pty.js';
import { typedSession } from '../helpers/typed-session.js';

/* attach delete and attach undo in a real pseudo-terminal, typed as a person types. */

const { newBox, start, entries } = typedSession(160);

describe('delete and undo, typed', () => {
  it('delete says what is true: Enter keeps it, y deletes it; undo shows it and asks, n leaves it, Enter brings it back', async () => {
    const box = newBox();
    expect(attach(box, ['log', 'a slip of the finger', '-i', '3']).code).toBe(0);
    const id = entries(box)[0]!.id.slice(0, 8);

    let term = start(box, ['delete', id]);
    await term.waitFor('a slip of the finger');
    await term.waitFor('? Delete this entry? You can bring it back with attach undo for 7 days. (y/N)');
    term.type(KEY.enter);
    await term.waitFor('Kept it; nothing was deleted.');
    expect((await term.exit()).exitCode).toBe(0);
    expect(entries(box)).toHaveLength(1);

    term = start(box, ['delete', id]);
    await term.waitFor('(y/N)');
    term.type('y', KEY.enter);
    await term.waitFor(`Deleted ${id}. You can bring it back with attach undo for 7 days.`);
    expect((await term.exit()).exitCode).toBe(0);
    expect(entries(box)).toHaveLength(0);

    term = start(box, ['undo']);
    await term.waitFor(/a slip of the finger {2}\(deleted \d+ seconds? ago\)/);
    await term.waitFor('? Bring this entry back? (Y/n)');
    term.type('n', KEY.enter);
    await term.waitFor('Left it in the trash; nothing changed.');
    expect((await term.exit()).exitCode).toBe(0);
    expect(entries(box)).toHaveLength(0);

    term = start(box, ['undo']);
    await term.waitFor('? Bring this entry back? (Y/n)');
    term.type(KEY.enter);
    await term.waitFor('Brought it back.');
    expect((await term.exit()).exitCode).toBe(0);
    expect(entries(box).map((entry) => entry.what)).toEqual(['a slip of the finger']);
  });

  it('delete --purge asks whether for good; undo with an id asks nothing; Ctrl-C at the question changes nothing', async () => {
    const box = newBox();
    expect(attach(box, ['log', 'keep for a while', '-i', '2']).code).toBe(0);
    expect(attach(box, ['log', 'remove for good', '-i', '2']).code).toBe(0);
    const [purge, keep] = entries(box).map((entry) => entry.id.slice(0, 8));

    let term = start(box, ['delete', purge!, '--purge']);
    await term.waitFor("? Delete this entry for good? Its words can't be brought back. (y/N)");
    term.type('y', KEY.enter);
    await term.waitFor(`Deleted ${purge} for good`);
    expect((await term.exit()).exitCode).toBe(0);

    expect(attach(box, ['delete', keep!, '--yes']).code).toBe(0);
    term = start(box, ['undo']);
    await term.waitFor('? Bring this entry back? (Y/n)');
    term.type(KEY.ctrlC);
    await term.waitFor('Nothing was saved.');
    expect((await term.exit()).exitCode).toBe(130);
    expect(entries(box)).toHaveLength(0);

    term = start(box, ['undo', keep!]);
    await term.waitFor('Brought back:');
    expect((await term.exit()).exitCode).toBe(0);
    expect(term.text).not.toContain('? ');
    expect(entries(box).map((entry) => entry.what)).toEqual(['keep for a while']);
  });
});
