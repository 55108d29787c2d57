import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachAsync, type Sandbox, sandbox } from '../helpers/cli.js';
import { KEY, sleep, stripAnsi, Terminal, type TerminalOptions } from '../helpers/pty.js';

/*
 * `attach pause` in a real pseudo-terminal: the questions through @inquirer,
 * the live timer on the alternate screen, the keys typed as a person would.
 * Every key waits for what it answers to be on screen (polled, never slept
 * on); the only waits are the ones that let timer time pass on purpose.
 */

const ENTER_SCREEN = '\u001b[?1049h';
const LEAVE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';
const HOME = '\u001b[H';

type Entry = Record<string, unknown> & { id: string };
const entries = (box: Sandbox): Entry[] => (JSON.parse(readFileSync(box.journal, 'utf8')) as { entries: Entry[] }).entries;

/** The frames the timer drew: the text between one HOME and the next (or the leaving of the screen), one array of lines each. */
function frames(raw: string): string[][] {
  const start = raw.indexOf(ENTER_SCREEN);
  if (start < 0) return [];
  const end = raw.indexOf(LEAVE_SCREEN, start);
  const screen = raw.slice(start, end < 0 ? undefined : end);
  return screen
    .split(HOME)
    .slice(1)
    .map((frame) => stripAnsi(frame).replace(/\r/g, '').split('\n'));
}

/** Columns a line takes: every character the timer draws (█ ░ ▏ · … ✔ ❯ →) is one column wide. */
const columns = (text: string) => [...text].length;

/** The terminal got its cursor back and left the alternate screen after the last time it entered it. */
function expectTerminalRestored(raw: string) {
  const entered = raw.lastIndexOf(ENTER_SCREEN);
  expect(entered, 'the timer never entered the alternate screen').toBeGreaterThanOrEqual(0);
  const rest = raw.slice(entered);
  expect(rest).toContain(LEAVE_SCREEN);
  expect(rest).toContain(SHOW_CURSOR);
  // The cursor is shown again after it was last hidden.
  expect(raw.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(raw.lastIndexOf(HIDE_CURSOR));
}

describe('attach pause in a real terminal', () => {
  /*
   * The cases run concurrently (most of their time is timer time), so each
   * cleans up after itself through its own context rather than a shared afterEach.
   */
  const setup = (onTestFinished: (fn: () => void) => void) => {
    const box = sandbox();
    const terminals: Terminal[] = [];
    onTestFinished(() => {
      for (const term of terminals) term.kill();
      box.cleanup();
    });
    const start = (args: string[], options: TerminalOptions = { cols: 80, rows: 24 }) => {
      const term = new Terminal(box, args, options);
      terminals.push(term);
      return term;
    };
    return { box, start };
  };

  /** A trigger logged without a terminal a moment ago, so the pause offers it. */
  const logTrigger = async (box: Sandbox) => {
    const r = await attachAsync(box, ['log', 'no reply since this morning', '-i', '8', '-u', 'call-repeatedly', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Entry;
  };

  it.concurrent('links the trigger, pauses and resumes, saves a note, finishes early with q, and asks the after questions', async ({
    expect,
    onTestFinished,
  }) => {
    const { box, start } = setup(onTestFinished);
    const trigger = await logTrigger(box);
    const term = start(['pause', '--minutes', '1']);

    // Before: the trigger of a moment ago is offered.
    await term.waitFor("Let's take a pause.");
    await term.waitFor('? Is this about "no reply since this morning"');
    await term.waitFor('8 of 10)? (Y/n)');
    term.type('y', KEY.enter);
    // The urge starts on the linked trigger's urge: Enter takes it.
    await term.waitFor('? What is the urge right now?');
    await term.waitFor('❯ Call again and again');
    term.type(KEY.enter);
    await term.waitFor('? How strong is it, right now?');
    term.type('7');
    await term.waitFor(/❯ +7 +hard to think of anything else/);
    term.type(KEY.enter);

    // The timer, on the alternate screen.
    await term.waitFor('Pausing with the urge: call again and again');
    await term.waitFor('left of 01:00');
    const timerShown = Date.now();
    expect(term.raw).toContain(ENTER_SCREEN);
    await term.waitFor('space pause · +/- a minute · n note · m message · q finish');
    await term.waitFor('00:59 left of 01:00');

    // space: paused, and it says so; the clock stands still while paused.
    term.type(KEY.space);
    const [, frozen] = await term.waitFor(/(\d\d:\d\d) left · paused, space to go on/);
    await term.waitFor('Take your time.');
    const pausedAt = Date.now();
    await sleep(2500); // paused time, on purpose
    const lastClock = [...term.text.matchAll(/(\d\d:\d\d) left/g)].at(-1)?.[1];
    expect(lastClock).toBe(frozen);
    term.type(KEY.space);
    await term.waitFor('left of 01:00');
    const pausedMs = Date.now() - pausedAt;
    await term.waitFor(/Breathe (in|out) /);

    // n: a note, typed while the timer keeps running; Enter saves it.
    term.type('n');
    await term.waitFor('Note: ▏');
    term.type('I want to explain myself again');
    await term.waitFor('Note: I want to explain myself again▏');
    term.type(KEY.enter);
    await term.waitFor('1 note saved');

    // q: finish early.
    term.type('q');
    const stoppedAt = Date.now();
    await term.waitFor("Welcome back. Let's see where you are now.");
    expect(term.text).not.toContain("Time's up.");

    // After: nothing chosen; the first ↑ lands on the "before" value.
    await term.waitFor('? How strong is the urge now?');
    term.type(KEY.up);
    await term.waitFor(/❯ +7 +hard to think of anything else/);
    term.type(KEY.up, KEY.up, KEY.up);
    await term.waitFor(/❯ +4 +hard to ignore/);
    term.type(KEY.enter);
    await term.waitFor('? Did the urge pass?');
    term.type(KEY.down, KEY.down);
    await term.waitFor('❯ Not yet');
    term.type(KEY.enter);
    await term.waitFor('? Did you do what the urge pushed for?');
    term.type(KEY.down, KEY.down, KEY.enter); // partly
    await term.waitFor('? What did you do with the time? (optional)');
    await term.waitFor('❯◯ Breathe slowly');
    term.type(KEY.space);
    await term.waitFor('❯◉ Breathe slowly');
    term.type(KEY.down, KEY.down);
    await term.waitFor('❯◯ Write it down');
    term.type(KEY.space);
    await term.waitFor('❯◉ Write it down');
    term.type(KEY.enter);
    await term.waitFor('? Did you turn to anyone? (optional)');
    term.type(KEY.enter);
    await term.waitFor('? What will you do now?');
    term.type(KEY.down, KEY.down, KEY.down);
    await term.waitFor('❯ Ask directly for what I need');
    term.type(KEY.enter);

    await term.waitFor('7 → 4: the wave came down, though it is still here.');
    await term.waitFor(/You paused for \d+ seconds?\./);
    await term.waitFor(/Saved to your journal \([0-9a-f]{8}\)\./);
    const { exitCode } = await term.exit();
    expect(exitCode, term.text).toBe(0);
    expect(term.text).not.toContain('the urge passed');
    expect(term.text).toContain('It can take more than one pause.');
    expectTerminalRestored(term.raw);

    const saved = entries(box);
    expect(saved).toHaveLength(2);
    const pause = saved[1]!;
    expect(pause.id.slice(0, 8)).toBe(/Saved to your journal \(([0-9a-f]{8})\)/.exec(term.text)?.[1]);
    expect(pause).toMatchObject({
      type: 'pause',
      for: trigger.id,
      urge: 'call-repeatedly',
      plannedSeconds: 60,
      completed: false,
      before: 7,
      after: 4,
      passed: false,
      activities: ['breathe', 'write'],
      notes: ['I want to explain myself again'],
      next: 'ask-directly',
      acted: 'partly',
      reachedOut: [],
    });
    // The 2.5 s paused are not counted: about the running time (1-2 s), give or take a second.
    const running = (stoppedAt - timerShown - pausedMs) / 1000;
    expect(pause.elapsedSeconds).toBeGreaterThanOrEqual(1);
    expect(pause.elapsedSeconds).toBeLessThanOrEqual(running + 1);
    expect(term.text).toContain(`You paused for ${String(pause.elapsedSeconds)} second`);
  });

  it.concurrent('Ctrl-C during the timer saves the time so far as not completed and exits 130', async ({ expect, onTestFinished }) => {
    const { box, start } = setup(onTestFinished);
    const term = start(['pause', '--minutes', '1', '--before', '5', '--urge', 'x', '--for', 'none']);
    // Every answer came from the flags: straight to the timer.
    await term.waitFor('left of 01:00');
    expect(term.text).not.toContain('? ');
    await term.waitFor('00:58 left of 01:00');
    term.type(KEY.ctrlC);

    await term.waitFor(/Stopped\. The (\d+) seconds you paused were saved \([0-9a-f]{8}\)\./);
    const { exitCode } = await term.exit();
    expect(exitCode, term.text).toBe(130);
    expect(term.text).not.toContain('Welcome back');
    expect(term.text).not.toMatch(/\n\s+at /);
    expectTerminalRestored(term.raw);

    const [entry] = entries(box);
    expect(entry).toMatchObject({
      type: 'pause',
      for: null,
      urge: 'x',
      plannedSeconds: 60,
      completed: false,
      before: 5,
      after: null,
      passed: null,
      notes: [],
      next: null,
    });
    expect(entry?.elapsedSeconds).toBeGreaterThanOrEqual(2);
    expect(term.text).toContain(`The ${String(entry?.elapsedSeconds)} seconds you paused were saved`);
  });

  it.concurrent('fits a 40-column terminal, redraws for a resize, and Ctrl-C at the after questions keeps the pause', async ({
    expect,
    onTestFinished,
  }) => {
    const { box, start } = setup(onTestFinished);
    // Colours on (no NO_COLOR): widths must be measured without them.
    const term = start(['pause', '--minutes', '1', '--before', '6', '--urge', 'text again', '--for', 'none', '--breath', 'box'], {
      cols: 40,
      rows: 24,
      env: { NO_COLOR: undefined },
    });
    await term.waitFor(/\d\d:\d\d left/);
    // The keys keep their meanings on two lines at 40 columns.
    await term.waitFor('n note · m message · q finish');
    await term.waitFor('space pause · +/- a minute');
    // A long note: never wrapped; its end, where the cursor is, stays in view, and so does how to save it.
    term.type('n', 'a note far longer than forty columns, to see it cut');
    await term.waitFor('Enter saves · Esc drops it');
    await term.waitFor(/Note: …[^▏\n]*, to see it cut▏/);
    // Two more frames drawn after the last key, so the full draft has been shown.
    await term.waitFor(/\d\d:\d\d left/);
    await term.waitFor(/\d\d:\d\d left/);
    term.type(KEY.escape);
    await term.waitFor('n note · m message · q finish');

    const narrow = frames(term.raw);
    expect(narrow.length).toBeGreaterThan(3);
    for (const frame of narrow) {
      expect(frame.length).toBeLessThanOrEqual(24);
      for (const line of frame) expect(columns(line), JSON.stringify(line)).toBeLessThanOrEqual(40);
    }
    const drawn = narrow.flat();
    expect(drawn.some((line) => line.includes('…'))).toBe(true);
    expect(drawn.some((line) => line.includes('left of'))).toBe(false);
    expect(term.raw).toContain('\u001b[3'); // coloured

    // Wider: the next frames use the room.
    term.resize(100, 30);
    await term.waitFor('left of 01:00');
    await term.waitFor('space pause · +/- a minute · n note · m message · q finish');

    term.type('q');
    await term.waitFor('? How strong is the urge now?');
    term.type('4', KEY.enter);
    await term.waitFor('? Did the urge pass?');
    term.type(KEY.ctrlC);
    await term.waitFor(/Stopped\. Your pause was saved without the last answers \([0-9a-f]{8}\)\./);
    const { exitCode } = await term.exit();
    expect(exitCode, term.text).toBe(130);
    expectTerminalRestored(term.raw);
    const [entry] = entries(box);
    // Esc dropped the note; the 4 answered before the Ctrl-C is kept, the rest unknown; "text again" is the catalogue's urge.
    expect(entry).toMatchObject({
      type: 'pause',
      urge: 'double-text',
      completed: false,
      before: 6,
      after: 4,
      passed: null,
      notes: [],
      activities: [],
      next: null,
    });
  });

  it.concurrent('--plain on a terminal: no animation, the bell at the end, then the after questions', async ({
    expect,
    onTestFinished,
  }) => {
    const { box, start } = setup(onTestFinished);
    const term = start(['pause', '--plain', '--minutes', '0.05', '--before', '5', '--for', 'none']);
    await term.waitFor('? What is the urge right now?');
    term.type(KEY.down);
    await term.waitFor('❯ Text again');
    term.type(KEY.enter);
    await term.waitFor('Pausing for 3 seconds.');
    // Keys pressed while the plain timer runs ("is it still going?") answer nothing after it.
    term.type(KEY.enter, '7', KEY.enter, 'y', KEY.down, KEY.enter);
    await term.waitFor("Time's up.");
    expect(term.raw).toContain("Time's up.\u0007");
    await term.waitFor('? How strong is the urge now?');
    await term.waitFor('• ⏎ skip');
    expect(term.text).not.toMatch(/✔ How strong is the urge now/);
    term.type('5');
    await term.waitFor(/❯ +5 +strong/);
    term.type(KEY.enter);
    await term.waitFor('? Did the urge pass?');
    term.type(KEY.down);
    await term.waitFor('❯ Yes, it passed');
    term.type(KEY.enter);
    await term.waitFor('? Did you do what the urge pushed for?');
    term.type(KEY.enter);
    await term.waitFor('? What did you do with the time? (optional)');
    term.type(KEY.enter);
    await term.waitFor('? Did you turn to anyone? (optional)');
    term.type(KEY.enter);
    await term.waitFor('? What will you do now?');
    term.type(KEY.down);
    await term.waitFor('❯ Wait a bit longer');
    term.type(KEY.enter);
    await term.waitFor('5 → 5, and the urge passed.');
    await term.waitFor('You stayed for the whole 3 seconds.');
    const { exitCode } = await term.exit();
    expect(exitCode, term.text).toBe(0);
    expect(term.raw).not.toContain(ENTER_SCREEN);
    expect(term.raw).not.toContain(HOME);
    const [entry] = entries(box);
    expect(entry).toMatchObject({
      for: null,
      urge: 'double-text',
      plannedSeconds: 3,
      elapsedSeconds: 3,
      completed: true,
      before: 5,
      after: 5,
      passed: true,
      activities: [],
      next: 'wait',
    });
  });

  it.concurrent('a half-typed note is kept when the time runs out, and the Enter meant for it finishes it', async ({
    expect,
    onTestFinished,
  }) => {
    const { box, start } = setup(onTestFinished);
    const term = start(['pause', '--minutes', '0.05', '--before', '7', '--urge', 'text again', '--for', 'none']);
    await term.waitFor(/\d\d:\d\d left/);
    term.type('n', 'I miss you but');
    await term.waitFor('Note: I miss you but');
    await term.waitFor("Time's up.", 15_000);
    // The note goes on after the timer, and the Enter meant for it finishes it.
    await term.waitFor('? Your note, to finish (Enter keeps it): I miss you but');
    term.type(' I will wait', KEY.enter);
    await term.waitFor('? How strong is the urge now?');
    await term.waitFor('• ⏎ skip');
    term.type('3', KEY.enter);
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
    expect(entries(box)[0]).toMatchObject({ notes: ['I miss you but I will wait'], after: 3, passed: null, completed: true });
  });

  it.concurrent('Ctrl-C while a note is half-typed keeps the note with the time so far', async ({ expect, onTestFinished }) => {
    const { box, start } = setup(onTestFinished);
    const term = start(['pause', '--minutes', '1', '--before', '8', '--urge', 'x', '--for', 'none']);
    await term.waitFor(/\d\d:\d\d left/);
    term.type('n', 'do not send');
    await term.waitFor('Note: do not send');
    term.type(KEY.ctrlC);
    await term.waitFor(/Stopped\. The \d+ seconds? you paused (were|was) saved/);
    expect((await term.exit()).exitCode).toBe(130);
    expect(entries(box)[0]).toMatchObject({ notes: ['do not send'], completed: false });
  });
});
