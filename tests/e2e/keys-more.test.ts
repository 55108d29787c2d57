import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/journal/format.js';
import type { Entry } from '../../src/journal/types.js';
import { attach } from '../helpers/cli.js';
import { KEY } from '../helpers/pty.js';
import { answerOnScreen, screenAgainstSaved } from '../helpers/screen.js';
import { typedSession } from '../helpers/typed-session.js';

/*
 * reflect, edit, delete, encrypt, doctor --repair and config in a real
 * pseudo-terminal, typed as a person types; what is saved is what the
 * screen showed.
 */

const { newBox, start, entries } = typedSession(200);
const BACKSPACES = Array<string>(60).fill('\x7f');
const PASS = 'a long enough passphrase';

describe('reflect, edit and delete, typed', () => {
  it('reflect: links the moment, ticks and types, and keeps the drafted ask as changed', async () => {
    const box = newBox();
    expect(attach(box, ['log', 'texted five times', '-i', '8', '-p', 'excessive-contact']).code).toBe(0);
    const term = start(box, ['reflect']);
    await term.waitFor('? Is this about "texted five times"');
    term.type(KEY.enter);
    await term.waitFor('? What did you do?');
    term.type(KEY.enter); // the moment's protest starts ticked
    await term.waitFor('? Underneath it, what were you needing?');
    term.type(KEY.space, KEY.enter);
    await term.waitFor('? What did you hope would happen?');
    term.type('a quick reply', KEY.enter);
    await term.waitFor('? What actually happened?');
    term.type(KEY.enter);
    await term.waitFor('? How did it feel afterwards?');
    term.type(KEY.down, KEY.enter);
    await term.waitFor('? Words you could use');
    term.type(KEY.down, KEY.enter);
    await term.waitFor('? Your words');
    term.type(' Tonight?', KEY.enter);
    await term.waitFor('Saved to your journal');
    expect((await term.exit()).exitCode, term.text).toBe(0);
    const reflection = entries(box).find((entry) => entry.type === 'reflection')!;
    expect(reflection).toMatchObject({
      protest: ['excessive-contact'],
      needs: ['reassurance'],
      hoped: 'a quick reply',
      happened: null,
      felt: 'insecure',
      ask: "I'm feeling insecure right now, and I could really use some reassurance. Tonight?",
    });
    for (const [question, onScreen, saved] of screenAgainstSaved(term.text, reflection))
      expect([question, onScreen]).toEqual([question, saved]);
  });

  it('edit: the scale starts on the answer given, a typed number replaces it, and deleting the words clears a thought', async () => {
    const box = newBox();
    const logged = attach(box, ['log', 'no reply', '-i', '8', '--thought', 'they are bored of me', '--json']);
    const id = (JSON.parse(logged.stdout) as Entry).id;
    const term = start(box, ['edit', id.slice(0, 8)]);
    await term.waitFor('? What would you like to change?');
    await term.waitFor('How strong is it right now: 8');
    term.type(KEY.down, KEY.down, KEY.down, KEY.space, KEY.down, KEY.down, KEY.space, KEY.enter);
    await term.waitFor('? How strong is it right now?');
    await term.waitFor(/❯ +8 +overwhelming/);
    term.type('3', KEY.enter);
    await term.waitFor('? What story is your mind telling you? (optional) they are bored of me');
    term.type(...BACKSPACES, KEY.enter);
    await term.waitFor('Changed');
    expect((await term.exit()).exitCode, term.text).toBe(0);
    expect(entries(box)[0]).toMatchObject({ id, intensity: 3, thought: null, editedAt: expect.any(String) });
    expect(answerOnScreen(term.text, 'How strong is it right now?')).toBe('3 · noticeable');
  });

  it('delete: Enter keeps the entry; y deletes it', async () => {
    const box = newBox();
    expect(attach(box, ['log', 'keep me', '-i', '2']).code).toBe(0);
    const id = entries(box)[0]!.id;
    let term = start(box, ['delete', id.slice(0, 6)]);
    await term.waitFor('(y/N)');
    term.type(KEY.enter);
    await term.waitFor('Kept it; nothing was deleted.');
    expect((await term.exit()).exitCode).toBe(0);
    expect(entries(box)).toHaveLength(1);
    term = start(box, ['delete', id.slice(0, 6)]);
    await term.waitFor('(y/N)');
    term.type('y', KEY.enter);
    await term.waitFor(`Deleted ${id.slice(0, 8)}`);
    expect((await term.exit()).exitCode).toBe(0);
    expect(entries(box)).toHaveLength(0);
  });
});

describe('encrypt, doctor --repair and config, typed', () => {
  it('encrypt asks again when the passphrase is short or the two differ, and opening asks again after a wrong one', async () => {
    const box = newBox();
    expect(attach(box, ['log', 'private', '-i', '5']).code).toBe(0);
    let term = start(box, ['encrypt'], { ATTACH_PASSPHRASE: undefined });
    await term.waitFor('? Choose a passphrase:');
    term.type('short', KEY.enter);
    await term.waitFor('A passphrase needs at least 8 characters');
    await term.waitFor('Choose a passphrase:');
    term.type(PASS, KEY.enter);
    await term.waitFor('? The same passphrase again:');
    term.type(`${PASS}!`, KEY.enter);
    await term.waitFor('The two were different.');
    term.type(PASS, KEY.enter);
    await term.waitFor('? The same passphrase again:');
    term.type(PASS, KEY.enter);
    await term.waitFor('Your journal is encrypted now');
    expect((await term.exit()).exitCode, term.text).toBe(0);
    expect(readFileSync(box.journal, 'utf8')).not.toContain('private');

    term = start(box, ['list']);
    await term.waitFor('? Passphrase for your journal:');
    term.type('wrong one', KEY.enter);
    await term.waitFor("That passphrase doesn't open your journal (2 more tries)");
    term.type(PASS, KEY.enter);
    await term.waitFor('private');
    expect((await term.exit()).exitCode, term.text).toBe(0);
  });

  it('encrypt: Ctrl-C at the passphrase says nothing was changed', async () => {
    const box = newBox();
    expect(attach(box, ['log', 'private', '-i', '5']).code).toBe(0);
    const before = readFileSync(box.journal, 'utf8');
    const term = start(box, ['encrypt']);
    await term.waitFor('? Choose a passphrase:');
    term.type('half', KEY.ctrlC);
    await term.waitFor('Nothing was changed.');
    expect((await term.exit()).exitCode).toBe(130);
    expect(readFileSync(box.journal, 'utf8')).toBe(before);
  });

  it('doctor --repair asks first, and the repaired journal keeps what could be read', async () => {
    const box = newBox();
    expect(attach(box, ['log', 'first', '-i', '3']).code).toBe(0);
    expect(attach(box, ['log', 'second', '-i', '4']).code).toBe(0);
    const text = readFileSync(box.journal, 'utf8');
    writeFileSync(box.journal, text.slice(0, text.lastIndexOf('second') + 3));
    const term = start(box, ['doctor', '--repair']);
    await term.waitFor('? Repair your journal now? (Y/n)');
    term.type('y', KEY.enter);
    await term.waitFor('Your journal opens again');
    expect((await term.exit()).exitCode, term.text).toBe(0);
    expect(parseJournal(readFileSync(box.journal, 'utf8'), box.journal).entries.map((entry) => entry.what)).toEqual(['first']);
  });

  it('config on a terminal shows the settings and asks nothing; a bad setting is said once and does not stop log', async () => {
    const box = newBox();
    let term = start(box, ['config', 'set', 'pauseMinutes', 'lots']);
    await term.waitFor('pauseMinutes takes a number from 0.05 to 180');
    expect((await term.exit()).exitCode).toBe(2);
    const file = `${box.dir}/config/attach/config.json`;
    attach(box, ['config', 'set', 'breath', 'box']);
    writeFileSync(file, JSON.stringify({ breath: 'box', pauseMinutes: 'lots' }));
    term = start(box, ['config']);
    await term.waitFor('The setting pauseMinutes ("lots") is ignored');
    expect((await term.exit()).exitCode).toBe(0);
    expect(term.text).not.toContain('? ');
    term = start(box, ['log', 'still saved', '-i', '2', '--who', 'partner', '-t', 'conflict', '-b', 'tight-chest', '--thought', 't']);
    await term.waitFor('The setting pauseMinutes ("lots") is ignored');
    for (const question of ['What is the alarm', 'Did you do something', 'Did you turn to anyone', 'What did you do instead']) {
      await term.waitFor(`? ${question}`);
      term.type(KEY.enter);
    }
    await term.waitFor('Saved to your journal');
    expect((await term.exit()).exitCode).toBe(0);
  });
});
