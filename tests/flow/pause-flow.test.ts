import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cancelled, isPromptCancel } from '../../src/errors.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import type { PauseEntry } from '../../src/journal/types.js';
import { toOffsetIso } from '../../src/time/calendar.js';
import { FakeClock, FakeKeys, fakeContext } from '../helpers/fake-context.js';
import { argv, cli } from '../helpers/program.js';
import { press, type Step, scriptedAsker, typeAndEnter } from '../helpers/scripted-asker.js';

const MIN = 60_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'attach-pause-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const saved = (): PauseEntry[] =>
  JSON.parse(readFileSync(path.join(dir, 'journal.json'), 'utf8')).entries.filter((e: PauseEntry) => e.type === 'pause');

/** A trigger logged half an hour before the fake clock's "now". */
function seedTrigger(clock: FakeClock) {
  const trigger = newTrigger(
    { what: 'No reply for four hours', intensity: 8, urges: ['ask-reassurance'], at: toOffsetIso(new Date(clock.now() - 30 * MIN)) },
    new Date(clock.now() - 30 * MIN),
  );
  writeFileSync(path.join(dir, 'journal.json'), serializeJournal({ version: 1, entries: [trigger] }));
  return trigger;
}

/** The last three after-questions, each skipped with Enter. */
const enterOnTheLast: Step[] = [
  { screen: 'What did you do with the time?', keys: press('enter') },
  { screen: 'Did you turn to anyone?', keys: press('enter') },
  { screen: 'What will you do now?', keys: press('enter') },
];

describe('attach pause, before -> timer (fake clock) -> after', () => {
  it('links the recent trigger, leads the pause with keys, and saves every answer', async () => {
    const clock = new FakeClock();
    const keys = new FakeKeys();
    const trigger = seedTrigger(clock);
    const startedAt = clock.now();
    const { asker, left } = scriptedAsker([
      { screen: 'Is this about "No reply for four hours"', keys: press('enter') },
      { screen: '❯ Ask for reassurance', keys: press('enter') }, // the linked trigger's urge comes first
      { screen: 'How strong is it, right now?', keys: press('7', 'enter') },
      // nothing chosen; the first ↑ lands on "before", and goes on from there
      { screen: /How strong is the urge now\?(?![\s\S]*❯)/, keys: press('up', 'up', 'up', 'up', 'enter') },
      { screen: 'Did the urge pass?', keys: press('down', 'enter') },
      { screen: 'Did you do what the urge pushed for?', keys: press('up', 'enter') }, // the last: no, I held off
      { screen: 'What did you do with the time?', keys: press('space', 'enter') },
      { screen: 'Did you turn to anyone?', keys: press('enter') },
      { screen: 'What will you do now?', keys: press('down', 'down', 'enter') },
    ]);
    const { ctx, screen, stderr } = fakeContext({ dir, interactive: true, canAnimate: true, asker, clock, keys });
    const frames: string[] = [];
    clock.onStart = () => {
      clock.advance(2 * MIN);
      keys.press(' '); // pause
      frames.push(screen.text);
      clock.advance(60 * MIN); // an hour paused does not count
      keys.press(' '); // resume
      keys.press('n');
      for (const c of 'hi') keys.press(c, { name: c });
      keys.press('\r', { name: 'return' });
      clock.advance(18 * MIN);
    };
    await cli(['pause', ...argv({})], ctx);
    expect(left()).toBe(0);
    expect(frames[0]).toContain('paused, space to go on');
    expect(screen.text).toContain('Breathe in');
    expect(screen.text).toContain('1 note saved');
    expect(screen.text).toMatch(/^\u001b\[\?1049h/); // alternate screen in,
    expect(screen.text).toContain('\u001b[?25h\u001b[?1049l'); // and the cursor and screen given back
    const [entry] = saved();
    expect(entry).toMatchObject({
      type: 'pause',
      at: toOffsetIso(new Date(startedAt)),
      for: trigger.id,
      urge: 'ask-reassurance',
      plannedSeconds: 1200,
      elapsedSeconds: 1200,
      completed: true,
      before: 7,
      after: 4,
      passed: true,
      activities: ['breathe'],
      notes: ['hi'],
      next: 'calm-message',
      acted: 'no',
      reachedOut: [],
    });
    expect(screen.text).toContain("Time's up.");
    expect(stderr.text).toContain('7 → 4: the wave came down, and the urge passed.\nYou stayed for the whole 20 minutes.');
  });

  it('takes + and - a minute, and q finishes early, saved as not completed', async () => {
    const clock = new FakeClock();
    const keys = new FakeKeys();
    const { asker } = scriptedAsker([
      { screen: 'How strong is the urge now?', keys: press('6', 'enter') },
      { screen: 'Did the urge pass?', keys: press('down', 'down', 'enter') },
      { screen: 'Did you do what the urge pushed for?', keys: press('enter') },
      ...enterOnTheLast,
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, canAnimate: true, asker, clock, keys });
    clock.onStart = () => {
      keys.press('+', { name: '+' });
      keys.press('+', { name: '+' });
      keys.press('-', { name: '-' });
      clock.advance(90_000);
      keys.press('q');
    };
    await cli(['pause', ...argv({ minutes: '5', before: '6', for: 'none', urge: 'check their instagram' })], ctx);
    expect(saved()[0]).toMatchObject({
      plannedSeconds: 360,
      elapsedSeconds: 90,
      completed: false,
      passed: false,
      before: 6,
      after: 6,
      urge: 'check their instagram',
      for: null,
    });
  });

  it('Esc and m pressed together drop the note and start the message, as the two keys would', async () => {
    const clock = new FakeClock();
    const keys = new FakeKeys();
    const { asker } = scriptedAsker([
      { screen: 'What would you like to do with it?', keys: press('enter') },
      { screen: 'How strong is the urge now?', keys: press('6', 'enter') },
      { screen: 'Did the urge pass?', keys: press('enter') },
      { screen: 'Did you do what the urge pushed for?', keys: press('enter') },
      ...enterOnTheLast,
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, canAnimate: true, asker, clock, keys });
    clock.onStart = () => {
      keys.press('n');
      keys.press('x', { name: 'x' });
      // Within readline's escape timeout, Esc then m is one key: "meta+m".
      keys.press('\u001bm', { name: 'm', meta: true, sequence: '\u001bm' });
      for (const c of 'are we ok') keys.press(c, { name: c === ' ' ? 'space' : c });
      keys.press('\r', { name: 'return' });
      keys.press('q');
    };
    await cli(['pause', ...argv({ minutes: '5', before: '6', for: 'none', urge: 'text again' })], ctx);
    expect(saved()[0]).toMatchObject({ notes: [], draft: 'are we ok' });
  });

  it('Ctrl-C in the timer saves the time so far and stops with exit 130', async () => {
    const clock = new FakeClock();
    const keys = new FakeKeys();
    const { ctx } = fakeContext({ dir, interactive: true, canAnimate: true, asker: scriptedAsker([]).asker, clock, keys });
    clock.onStart = () => {
      clock.advance(3 * MIN + 12_000);
      keys.press('\u0003', { name: 'c', ctrl: true });
    };
    const error = await cli(['pause', ...argv({ before: '9', for: 'none', urge: 'call again' })], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Cancelled);
    expect((error as Cancelled).exitCode).toBe(130);
    expect((error as Cancelled).message).toMatch(/The 3 minutes 12 seconds you paused were saved/);
    expect(saved()[0]).toMatchObject({ completed: false, elapsedSeconds: 192, plannedSeconds: 1200, after: null, passed: null });
  });

  it('Ctrl-C in the after-questions keeps the pause, with what is known', async () => {
    const clock = new FakeClock();
    const { asker } = scriptedAsker([
      { screen: 'How strong is the urge now?', keys: (events) => events.keypress({ name: 'c', ctrl: true }) },
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, canAnimate: false, asker, clock });
    clock.onStart = () => clock.advance(2 * MIN);
    const error = await cli(['pause', ...argv({ minutes: '2', before: '5', for: 'none', urge: 'text again' })], ctx).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Cancelled);
    expect(saved()[0]).toMatchObject({ completed: true, elapsedSeconds: 120, after: null, passed: null, next: null });
  });

  it('Ctrl-C in the before-questions saves nothing', async () => {
    const clock = new FakeClock();
    seedTrigger(clock);
    const before = readFileSync(path.join(dir, 'journal.json'), 'utf8');
    const { asker } = scriptedAsker([{ screen: 'Is this about', keys: (events) => events.keypress({ name: 'c', ctrl: true }) }]);
    const { ctx } = fakeContext({ dir, interactive: true, asker, clock });
    const error = await cli(['pause', ...argv({})], ctx).catch((e: unknown) => e);
    expect(isPromptCancel(error)).toBe(true);
    expect(readFileSync(path.join(dir, 'journal.json'), 'utf8')).toBe(before);
  });

  it('types the urge in its own words when it is not in the list', async () => {
    const clock = new FakeClock();
    const { asker } = scriptedAsker([
      { screen: 'What is the urge right now?', keys: press(...Array.from({ length: 10 }, () => 'down'), 'enter') },
      { screen: 'In your own words', keys: typeAndEnter('Write a long email') },
      { screen: 'How strong is it', keys: press('5', 'enter') },
      { screen: 'How strong is the urge now?', keys: press('5', 'enter') },
      { screen: 'Did the urge pass?', keys: press('down', 'enter') },
      { screen: 'Did you do what the urge pushed for?', keys: press('enter') },
      { screen: 'What did you do', keys: press('enter') },
      { screen: 'Did you turn to anyone?', keys: press('enter') },
      { screen: 'What will you do now?', keys: press('down', 'enter') },
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, asker, clock });
    clock.onStart = () => clock.advance(MIN);
    await cli(['pause', ...argv({ minutes: '1', for: 'none' })], ctx);
    expect(saved()[0]).toMatchObject({ urge: 'Write a long email', before: 5, after: 5, passed: true, next: 'wait' });
  });
});

describe('attach pause without a terminal', () => {
  it('says a line a minute on stderr and records --after and --passed', async () => {
    const clock = new FakeClock();
    const { ctx, stderr, stdout } = fakeContext({ dir, clock });
    clock.onStart = () => clock.advance(3 * MIN);
    await cli(['pause', ...argv({ minutes: '3', before: '8', after: '5', passed: 'yes', json: true })], ctx);
    const lines = stderr.text.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'Pausing for 3 minutes. Breathe slowly, walk, or write it down: the urge can wait.',
      '2 min left',
      '1 min left',
      "Time's up.",
      '8 → 5: the wave came down, and the urge passed.',
      'You stayed for the whole 3 minutes.',
    ]);
    expect(lines[6]).toMatch(/^Saved to your journal \([0-9a-f]{8}\)\.$/);
    expect(JSON.parse(stdout.text)).toEqual(saved()[0]);
    expect(saved()[0]).toMatchObject({ completed: true, before: 8, after: 5, passed: true, for: null, notes: [] });
  });

  it('uses pauseMinutes from the settings, and a signal saves the pause as not completed', async () => {
    const clock = new FakeClock();
    const fake = fakeContext({ dir, clock, config: { pauseMinutes: 0.5 } });
    clock.onStart = () => {
      clock.advance(10_000);
      fake.interrupt();
    };
    const error = await cli(['pause', ...argv({ before: '4' })], fake.ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Cancelled);
    expect(saved()[0]).toMatchObject({ plannedSeconds: 30, elapsedSeconds: 10, completed: false, after: null, passed: null });
  });

  it('is never without an interrupt listener from the start of the timer to the end of the run', async () => {
    // With none, the signal's default action is back: a second Ctrl-C in that instant killed the process unsaved.
    const clock = new FakeClock();
    const fake = fakeContext({ dir, clock, config: { pauseMinutes: 0.5 } });
    clock.onStart = () => {
      clock.advance(5_000);
      fake.interrupt();
      fake.interrupt();
    };
    await expect(cli(['pause', ...argv({ before: '9' })], fake.ctx)).rejects.toBeInstanceOf(Cancelled);
    expect(fake.unguarded()).toBe(0);
    expect(saved()).toHaveLength(1);
  });

  it('needs --before, and checks every flag before writing anything', async () => {
    const clock = new FakeClock();
    const bad: [Record<string, string>, RegExp][] = [
      [{}, /Add --before <0-10>/],
      [{ before: '11' }, /--before takes a whole number from 0 to 10/],
      [{ before: '5', minutes: '0' }, /--minutes takes a number of minutes from 0.05 to 180 \(you gave "0"\)/],
      [{ before: '5', minutes: '181' }, /--minutes/],
      [{ before: '5', minutes: 'abc' }, /--minutes/],
      [{ before: '5', minutes: '-3' }, /--minutes/],
      [{ before: '5', breath: 'square' }, /--breath takes box, 478, coherent or none \(you gave "square"\)/],
      [{ before: '5', passed: 'maybe' }, /--passed takes yes or no/],
      [{ before: '5', for: 'abc123' }, /--for: no entry has an id starting with "abc123"/],
    ];
    for (const [options, message] of bad) {
      const { ctx } = fakeContext({ dir, clock });
      await expect(cli(['pause', ...argv(options)], ctx)).rejects.toThrow(message);
      expect(existsSync(path.join(dir, 'journal.json'))).toBe(false);
    }
  });
});
