import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/journal/format.js';
import type { Entry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { answerOnScreen, screenAgainstSaved } from '../helpers/screen.js';

/*
 * `attach log` in a real pseudo-terminal, typed as a person types: digits on
 * the scale, arrows and space, Enter on everything, stray keys, Ctrl-C. Each
 * case checks that what was saved is what the screen showed as the answer.
 */

const boxes: Sandbox[] = [];
const terminals: Terminal[] = [];
afterEach(() => {
  for (const term of terminals.splice(0)) term.kill();
  for (const box of boxes.splice(0)) box.cleanup();
});
function start(args: string[], box = sandbox(), cols = 200): { box: Sandbox; term: Terminal } {
  if (!boxes.includes(box)) boxes.push(box);
  const term = new Terminal(box, args, { cols });
  terminals.push(term);
  return { box, term };
}
const entries = (box: Sandbox): Entry[] => parseJournal(readFileSync(box.journal, 'utf8'), box.journal).entries;
/** Every field the person answered on screen, as saved. */
function expectScreenIsSaved(term: Terminal, entry: Entry) {
  for (const [question, onScreen, saved] of screenAgainstSaved(term.text, entry)) expect([question, onScreen]).toEqual([question, saved]);
}

describe('attach log, typed', () => {
  it('saves what the screen showed: arrows, space, digits, text', async () => {
    const { box, term } = start(['log']);
    await term.waitFor('? What happened?');
    term.type('No reply since this morning', KEY.enter);
    // Nothing is chosen until the person moves; the first ↓ lands on the first item.
    await term.waitFor('? Who was it with?');
    await term.waitFor('↑↓ • ⏎ skip');
    term.type(KEY.down);
    await term.waitFor('❯ My partner');
    term.type(KEY.enter);
    await term.waitFor('? What set it off?');
    term.type(KEY.space, KEY.down, KEY.down, KEY.down, KEY.space, KEY.enter);
    await term.waitFor('? How strong is it right now?');
    term.type('8');
    await term.waitFor(/❯ +8 +overwhelming/);
    term.type(KEY.enter);
    await term.waitFor('? Where do you feel it in your body?');
    term.type(KEY.space, KEY.down, KEY.down, KEY.space, KEY.enter);
    await term.waitFor('? What story is your mind telling you? (optional)');
    term.type("They're losing interest", KEY.enter);
    await term.waitFor('? What is the alarm pushing you to do?');
    term.type(KEY.space, KEY.enter);
    await term.waitFor("? Did you do something you'd call protest?");
    term.type(KEY.enter);
    await term.waitFor('? Did you turn to anyone?');
    term.type(KEY.down, KEY.space, KEY.enter); // a friend
    await term.waitFor('? What did you do instead');
    term.type(KEY.enter);
    await term.waitFor('? Start a 20-minute pause now? (y/N)');
    term.type(KEY.enter); // Enter declines
    await term.waitFor('It is here whenever you want it.');
    expect((await term.exit()).exitCode, term.text).toBe(0);

    const [entry] = entries(box);
    expect(entry).toMatchObject({
      what: 'No reply since this morning',
      who: 'partner',
      triggers: ['delayed-reply', 'conflict'],
      intensity: 8,
      body: ['tight-chest', 'racing-heart'],
      thought: "They're losing interest",
      urges: ['double-text'],
      protest: [],
      reachedOut: ['friend'],
      instead: null,
    });
    expectScreenIsSaved(term, entry!);
    expect(answerOnScreen(term.text, 'How strong is it right now?')).toBe('8 · overwhelming');
    expect(entries(box)).toHaveLength(1); // declining started no pause
  });

  it('saves the number typed on the scale: 0, 1, 8 and 10', async () => {
    const box = sandbox();
    for (const [keys, expected] of [
      [['0'], 0],
      [['1'], 1],
      [['8'], 8],
      [['1', '0'], 10],
    ] as const) {
      const { term } = start(['log', `typed ${expected}`, '--who', 'partner', '-t', 'conflict', '-b', 'tight-chest'], box);
      await term.waitFor('? How strong is it right now?');
      term.type(...keys);
      await term.waitFor(new RegExp(`❯ +${expected} `));
      term.type(KEY.enter);
      await term.waitFor('? What story');
      term.type(KEY.enter);
      await term.waitFor('? What is the alarm');
      term.type(KEY.enter);
      await term.waitFor('? Did you do something');
      term.type(KEY.enter);
      await term.waitFor('? Did you turn to anyone?');
      term.type(KEY.enter);
      await term.waitFor('? What did you do instead');
      term.type(KEY.enter);
      if (expected >= 7) {
        await term.waitFor('? Start a 20-minute pause now?');
        term.type('n', KEY.enter);
      }
      expect((await term.exit()).exitCode, term.text).toBe(0);
      expect(entries(box).at(-1)).toMatchObject({ what: `typed ${expected}`, intensity: expected });
      expect(answerOnScreen(term.text, 'How strong is it right now?')).toMatch(new RegExp(`^${expected} · `));
    }
    // The crisis lines follow a 10, whole and unbroken.
    expect(terminals.at(-1)!.text).toMatch(/call or text 988/);
  });

  it('answers nothing for the person: Enter on every question, stray keys, and the scale waits for a number', async () => {
    const { box, term } = start(['log']);
    await term.waitFor('? What happened?');
    term.type(KEY.enter); // required: asks again
    await term.waitFor('A few words are enough');
    term.type('x', KEY.enter);
    await term.waitFor('? Who was it with?');
    term.type('?', '%', KEY.enter); // stray keys choose nothing
    await term.waitFor('? What set it off?');
    term.type(KEY.enter);
    await term.waitFor('? How strong is it right now?');
    term.type(KEY.enter, 'q', KEY.enter);
    await term.waitFor('Type a number from 0 to 10');
    term.type('4', KEY.enter);
    for (const question of [
      'Where do you feel it',
      'What story',
      'What is the alarm',
      'Did you do something',
      'Did you turn to anyone',
      'What did you do instead',
    ]) {
      await term.waitFor(`? ${question}`);
      term.type(KEY.enter);
    }
    await term.waitFor('Saved to your journal');
    expect((await term.exit()).exitCode, term.text).toBe(0);
    const [entry] = entries(box);
    expect(entry).toMatchObject({ what: 'x', who: null, triggers: [], intensity: 4, body: [], thought: null, urges: [], protest: [] });
    expect(answerOnScreen(term.text, 'Who was it with?')).toBe('(skipped)');
    expectScreenIsSaved(term, entry!);
    expect(term.text).not.toContain('pause now?'); // below 7, no pause is offered
  });

  it('Ctrl-C halfway saves nothing and exits 130, and leaves a journal as it was', async () => {
    const box = sandbox();
    boxes.push(box);
    expect(attach(box, ['log', 'an earlier moment', '-i', '4']).code).toBe(0);
    const before = readFileSync(box.journal, 'utf8');
    const { term } = start(['log'], box);
    await term.waitFor('? What happened?');
    term.type('No reply since this morning', KEY.enter);
    await term.waitFor('? Who was it with?');
    term.type(KEY.down);
    await term.waitFor('? Who was it with?');
    term.type(KEY.ctrlC);
    await term.waitFor('Nothing was saved.');
    expect((await term.exit()).exitCode, term.text).toBe(130);
    expect(term.text).not.toMatch(/ExitPromptError|\n\s+at /);
    expect(readFileSync(box.journal, 'utf8')).toBe(before);
    expect(readdirSync(path.dirname(box.journal)).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
  });

  it('Ctrl-C after a 10 saves nothing, but still shows the crisis lines a 10 brings', async () => {
    const { box, term } = start(['log']);
    await term.waitFor('? What happened?');
    term.type('He said he needs space and left', KEY.enter);
    await term.waitFor('? Who was it with?');
    term.type(KEY.enter);
    await term.waitFor('? What set it off?');
    term.type(KEY.enter);
    await term.waitFor('? How strong is it right now?');
    term.type('1', '0', KEY.enter);
    await term.waitFor('? Where do you feel it in your body?');
    term.type(KEY.ctrlC);
    await term.waitFor('Nothing was saved.');
    await term.waitFor('988');
    expect((await term.exit()).exitCode).toBe(130);
    expect(term.text.replace(/\s+/g, ' ')).toContain('National Domestic Violence Hotline at 1-800-799-7233');
    expect(existsSync(box.journal)).toBe(false);
  });

  it('Ctrl-C at the first question of a new journal makes no file', async () => {
    const { box, term } = start(['log']);
    await term.waitFor('? What happened?');
    term.type('half a tho', KEY.ctrlC);
    await term.waitFor('Nothing was saved.');
    expect((await term.exit()).exitCode).toBe(130);
    expect(existsSync(box.journal)).toBe(false);
  });

  it('a strong moment offers the pause; y starts it, linked to that moment', async () => {
    const box = sandbox();
    mkdirSync(path.join(box.dir, 'config', 'attach'), { recursive: true });
    writeFileSync(path.join(box.dir, 'config', 'attach', 'config.json'), JSON.stringify({ pauseMinutes: 0.05 }));
    const { term } = start(['log', 'no reply for hours', '-i', '9', '--who', 'partner', '-t', 'delayed-reply', '-b', 'tight-chest'], box);
    for (const question of [
      'What story',
      'What is the alarm',
      'Did you do something',
      'Did you turn to anyone',
      'What did you do instead',
    ]) {
      await term.waitFor(`? ${question}`);
      term.type(KEY.enter);
    }
    await term.waitFor('? Start a 3-second pause now? (y/N)');
    term.type('y', KEY.enter);
    await term.waitFor('? What is the urge right now?');
    term.type(KEY.enter);
    await term.waitFor('? How strong is it, right now?');
    term.type('9', KEY.enter);
    await term.waitFor('? How strong is the urge now?', 20_000);
    term.type('6', KEY.enter);
    for (const question of [
      'Did the urge pass?',
      'Did you do what the urge pushed for?',
      'What did you do with the time?',
      'Did you turn to anyone?',
      'What will you do now?',
    ]) {
      await term.waitFor(`? ${question}`);
      term.type(KEY.enter);
    }
    await term.waitFor('Saved to your journal');
    expect((await term.exit()).exitCode, term.text).toBe(0);
    const [moment, pause] = entries(box);
    expect(pause).toMatchObject({ type: 'pause', for: moment!.id, before: 9, after: 6, passed: null, urge: null });
    expectScreenIsSaved(term, pause!);
  });
});
