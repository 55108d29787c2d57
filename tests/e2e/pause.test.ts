import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attach, attachAsync, BIN, CLI_NODE, type Result, type Sandbox, sandboxes } from '../helpers/cli.js';
import * as make from '../helpers/entries.js';
import { unwrap } from '../helpers/unwrap.js';

/*
 * `attach pause` as a built process without a terminal (stdin closed, stdout
 * and stderr pipes): the plain timer, a line a minute on stderr, no keys and
 * no questions. A real pause takes real time (--minutes 0.05 is 3 seconds),
 * so the timed cases run concurrently, each in its own sandbox, and the
 * whole file takes about as long as the slowest of them.
 */

const newBox = sandboxes(afterAll);

type Entry = Record<string, unknown> & { id: string };
const entries = (box: Sandbox): Entry[] => (JSON.parse(readFileSync(box.journal, 'utf8')) as { entries: Entry[] }).entries;
const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const STACK = /\n\s+at .+:\d+:\d+/;
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
const SAVED = /^Saved to your journal \(([0-9a-f]{8})\)\.$/;

/** Logs a trigger without a terminal and returns its id. */
async function logTrigger(box: Sandbox, ...args: string[]): Promise<string> {
  const r = await attachAsync(box, ['log', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Entry).id;
}

/** A pause started in the background, to be interrupted once stderr shows something. */
function startPause(box: Sandbox, args: string[]) {
  const child = spawn(CLI_NODE, [BIN, 'pause', ...args], { env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Result & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr: unwrap(stderr) }));
  });
  return {
    child,
    done,
    /** Polls stderr (small steps, with a deadline) until it contains `text`; returns when it was seen. */
    async waitForStderr(text: string, timeoutMs = 10_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      while (!stderr.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`stderr never showed ${JSON.stringify(text)}:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return Date.now();
    },
  };
}

describe('attach pause without a terminal', () => {
  it.concurrent('--plain: runs the whole time, says so in plain lines on stderr and prints the entry with --json', async ({ expect }) => {
    const box = newBox();
    // A trigger of a minute ago: without a terminal nothing is offered, so the pause is not linked.
    await logTrigger(box, 'no reply since this morning', '-i', '8');
    const started = Date.now();
    const r = await attachAsync(box, ['pause', '--plain', '--minutes', '0.05', '--before', '7', '--urge', 'text again', '--json']);
    const took = Date.now() - started;
    expect(r.code, r.stderr).toBe(0);
    expect(took).toBeGreaterThanOrEqual(3000);

    const out = lines(r.stderr);
    expect(out).toHaveLength(4);
    expect(out[0]).toBe('Pausing for 3 seconds. Breathe slowly, walk, or write it down: the urge can wait.');
    expect(out[1]).toBe("Time's up.");
    expect(out[2]).toBe('You stayed for the whole 3 seconds.');
    expect(out[3]).toMatch(SAVED);
    // No animation, no bell, no escape sequences on a pipe.
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).not.toContain('min left');

    const printed = JSON.parse(r.stdout) as Entry;
    const saved = entries(box);
    expect(saved).toHaveLength(2);
    expect(saved[1]).toEqual(printed);
    expect(printed.id.slice(0, 8)).toBe(SAVED.exec(out[3] ?? '')?.[1]);
    expect(printed).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'pause',
      at: expect.any(String),
      recordedAt: expect.any(String),
      for: null,
      urge: 'double-text', // its words name the catalogue's urge
      plannedSeconds: 3,
      elapsedSeconds: 3,
      completed: true,
      before: 7,
      after: null,
      passed: null,
      activities: [],
      notes: [],
      next: null,
      acted: null,
      draft: null,
      draftOutcome: null,
      reachedOut: [],
      tags: [],
      note: null,
    });
    // `at` is when the pause began, `recordedAt` when it was saved: the 3 seconds apart.
    const apart = Date.parse(printed.recordedAt as string) - Date.parse(printed.at as string);
    expect(apart).toBeGreaterThanOrEqual(2000);
    expect(apart).toBeLessThanOrEqual(took + 1000);
  });

  it.concurrent('without a TTY (no --plain): --after and --passed are recorded, and the closing line reflects the change', async ({
    expect,
  }) => {
    const box = newBox();
    const r = await attachAsync(box, [
      'pause',
      '-m',
      '0.05',
      '--before',
      '7',
      '--after',
      '4',
      '--passed',
      'yes',
      '--breath',
      'box',
      '--no-bell',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const out = lines(r.stderr);
    expect(out[0]).toMatch(/^Pausing for 3 seconds\./);
    expect(out.slice(1, 4)).toEqual([
      "Time's up.",
      '7 → 4: the wave came down, and the urge passed.',
      'You stayed for the whole 3 seconds.',
    ]);
    expect(out[4]).toMatch(SAVED);
    expect(out).toHaveLength(5);
    const [entry] = entries(box);
    expect(entry).toMatchObject({
      type: 'pause',
      for: null,
      urge: null,
      plannedSeconds: 3,
      elapsedSeconds: 3,
      completed: true,
      before: 7,
      after: 4,
      passed: true,
      activities: [],
      notes: [],
      next: null,
    });
  });

  it.concurrent('--for <prefix> links a logged trigger, and `attach show <trigger> --json` lists the pause', async ({ expect }) => {
    const box = newBox();
    const trigger = await logTrigger(box, 'quiet dinner, felt far apart', '-i', '6');
    const r = await attachAsync(box, [
      'pause',
      '--for',
      trigger.slice(0, 6).toUpperCase(),
      '--minutes',
      '0.05',
      '--before',
      '6',
      '--passed',
      'no',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pause = JSON.parse(r.stdout) as Entry;
    expect(pause).toMatchObject({ for: trigger, completed: true, before: 6, after: null, passed: false });

    const shown = await attachAsync(box, ['show', trigger.slice(0, 8), '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: trigger, type: 'trigger', linked: [pause.id] });
    // And the pause itself shows what it is for.
    const own = await attachAsync(box, ['show', pause.id, '--json']);
    expect(JSON.parse(own.stdout)).toMatchObject({ id: pause.id, for: trigger, linked: [] });
  });

  it.concurrent('SIGINT in the middle saves the time so far with completed: false and exits 130', async ({ expect }) => {
    const box = newBox();
    const run = startPause(box, ['--minutes', '1', '--before', '8', '--urge', 'call again']);
    const shown = await run.waitForStderr('Pausing for');
    // The time so far is the thing under test: let a little of it pass.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    run.child.kill('SIGINT');
    const sentAfter = Date.now() - shown;
    const r = await run.done;

    expect(r.code, r.stderr).toBe(130);
    expect(r.signal).toBeNull();
    expect(r.stdout).toBe('');
    // Two messages; the first is exactly 80 columns, so it reads joined to the next (tests/helpers/unwrap.ts).
    expect(lines(unwrap(r.stderr))).toHaveLength(1);
    const said = /^Pausing for 1 minute\. Breathe slowly, walk, or write it down: the urge can wait\. Stopped\./;
    expect(unwrap(r.stderr)).toMatch(new RegExp(`${said.source} The \\d+ seconds you paused were saved \\([0-9a-f]{8}\\)\\.\\n$`));
    expect(r.stderr).not.toMatch(STACK);

    const [entry] = entries(box);
    expect(entry).toMatchObject({
      type: 'pause',
      urge: 'call again',
      plannedSeconds: 60,
      completed: false,
      before: 8,
      after: null,
      passed: null,
      notes: [],
    });
    const elapsed = entry?.elapsedSeconds as number;
    expect(Math.abs(elapsed - sentAfter / 1000)).toBeLessThanOrEqual(1);
    expect(r.stderr).toContain(`The ${elapsed} seconds you paused were saved (${entry?.id.slice(0, 8)}).`);
  });

  it.concurrent('says "N min left" once a minute boundary is crossed (1.05 minutes: at about 3 s), then stops on SIGINT', async ({
    expect,
  }) => {
    const box = newBox();
    const run = startPause(box, ['--plain', '--minutes', '1.05', '--before', '5']);
    await run.waitForStderr('1 min left\n');
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    const out = lines(r.stderr);
    expect(out[0]).toMatch(/^Pausing for 1 minute 3 seconds\./);
    expect(out[1]).toBe('1 min left');
    expect(out[2]).toMatch(/^Stopped\. The [34] seconds you paused were saved/);
    expect(out).toHaveLength(3);
    expect(entries(box)[0]).toMatchObject({ plannedSeconds: 63, completed: false });
  });

  /*
   * A second Ctrl-C while the pause is being saved must not kill the process
   * halfway: pause.ts keeps an interrupt handler until the entry is saved.
   */
  it.concurrent('a person pressing Ctrl-C again and again: the pause is still saved and the exit is 130', async ({ expect }) => {
    const box = newBox();
    const run = startPause(box, ['--minutes', '1', '--before', '9']);
    await run.waitForStderr('Pausing for');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // A SIGINT every 2 ms for 300 ms (or until it is gone).
    const mash = setInterval(() => run.child.exitCode === null && run.child.signalCode === null && run.child.kill('SIGINT'), 2);
    setTimeout(() => clearInterval(mash), 300);
    const r = await run.done;
    clearInterval(mash);
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/Stopped\. The \d+ seconds? you paused (was|were) saved/);
    expect(entries(box)).toHaveLength(1);
  });

  it.concurrent('`attach pause --help` ends with examples', async ({ expect }) => {
    const r = await attachAsync(newBox(), ['pause', '--help']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    const examples = out.lastIndexOf('Examples:');
    expect(examples).toBeGreaterThan(0);
    const after = out.slice(examples + 1);
    expect(after.length).toBeGreaterThanOrEqual(2);
    for (const example of after) expect(example).toMatch(/^\s+attach pause\b/);
    expect(r.stdout).toContain('--minutes <n>');
    expect(r.stdout).toContain('--for <id>');
  });
});

describe('attach pause with bad input', () => {
  // Everything else valid and short, so a missed check would show as a 3-second pause that writes the journal.
  const ok = { minutes: ['--minutes', '0.05'], before: ['--before', '5'] };
  const cases: { args: string[]; flag: string; says: RegExp }[] = [
    { args: ['--minutes', '0', ...ok.before], flag: '--minutes', says: /0\.05 to 180 \(you gave "0"\)/ },
    { args: ['--minutes', '-3', ...ok.before], flag: '--minutes', says: /0\.05 to 180 \(you gave "-3"\)/ },
    { args: ['--minutes', 'abc', ...ok.before], flag: '--minutes', says: /0\.05 to 180 \(you gave "abc"\)/ },
    { args: ['--minutes', '181', ...ok.before], flag: '--minutes', says: /0\.05 to 180 \(you gave "181"\)/ },
    { args: ['--minutes', '0.04', ...ok.before], flag: '--minutes', says: /0\.05 to 180/ },
    { args: [...ok.minutes, '--before', '11'], flag: '--before', says: /0 to 10 \(you gave "11"\)/ },
    { args: [...ok.minutes, '--before', '7.5'], flag: '--before', says: /0 to 10/ },
    { args: [...ok.minutes, ...ok.before, '--after', '-1'], flag: '--after', says: /0 to 10/ },
    {
      args: [...ok.minutes, ...ok.before, '--breath', 'square'],
      flag: '--breath',
      says: /box, 478, coherent or none \(you gave "square"\)/,
    },
    { args: [...ok.minutes, ...ok.before, '--passed', 'maybe'], flag: '--passed', says: /yes or no \(you gave "maybe"\)/ },
    { args: [...ok.minutes, ...ok.before, '--urge', '  '], flag: '--urge', says: /empty/ },
    { args: [...ok.minutes, ...ok.before, '--for', 'fedcba98'], flag: '--for', says: /--for: no entry has an id starting with "fedcba98"/ },
    { args: [...ok.minutes], flag: '--before', says: /--before <0-10>/ },
  ];

  /** A journal with a trigger and a pause, written as the format describes. */
  const seed = JSON.stringify(
    make.journalOf(
      make.trigger({
        id: '11111111-1111-4111-8111-111111111111',
        at: '2026-11-22T21:14:00-08:00',
        recordedAt: '2026-11-22T21:20:03-08:00',
        what: 'No reply for four hours',
        who: 'partner',
        triggers: ['delayed-reply'],
        intensity: 7,
        urges: ['double-text'],
      }),
      make.pause({
        id: '22222222-2222-4222-8222-222222222222',
        at: '2026-11-22T21:25:00-08:00',
        recordedAt: '2026-11-22T21:45:00-08:00',
        for: '11111111-1111-4111-8111-111111111111',
        urge: 'double-text',
        before: 7,
        after: 4,
        passed: true,
        activities: ['walk'],
        next: 'wait',
      }),
    ),
    null,
    2,
  );
  const seeded = () => {
    const box = newBox();
    mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
    writeFileSync(box.journal, seed, { mode: 0o600 });
    return box;
  };
  // `--for` an entry that is a pause, not a trigger: only meaningful with a journal.
  const seededOnly = [{ args: [...ok.minutes, ...ok.before, '--for', '2222'], flag: '--for', says: /is a pause, not a logged moment/ }];

  const check = (r: Result, flag: string, says: RegExp, args: string[]) => {
    const about = `attach pause ${args.join(' ')}; stderr: ${r.stderr}`;
    expect(r.code, about).toBe(2);
    expect(r.stdout, about).toBe('');
    expect(lines(r.stderr), about).toHaveLength(1);
    expect(r.stderr, about).toContain(flag);
    expect(r.stderr, about).toMatch(says);
    expect(r.stderr, about).not.toMatch(STACK);
    expect(r.stderr, about).not.toContain('Pausing for');
  };

  it.concurrent('each is exit 2 with one line naming what to fix, and no journal is created', async () => {
    const runs = cases.map(async ({ args, flag, says }) => {
      const box = newBox();
      const r = await attachAsync(box, ['pause', ...args]);
      return { args, flag, says, box, r };
    });
    for (const { args, flag, says, box, r } of await Promise.all(runs)) {
      check(r, flag, says, args);
      expect(existsSync(box.journal), `journal written by ${args.join(' ')}`).toBe(false);
    }
  });

  it.concurrent('each leaves an existing journal byte for byte as it was, with nothing beside it', async () => {
    const runs = [...cases, ...seededOnly].map(async ({ args, flag, says }) => {
      const box = seeded();
      const r = await attachAsync(box, ['pause', ...args]);
      return { args, flag, says, box, r };
    });
    for (const { args, flag, says, box, r } of await Promise.all(runs)) {
      check(r, flag, says, args);
      expect(readFileSync(box.journal, 'utf8'), `journal changed by ${args.join(' ')}`).toBe(seed);
      expect(readdirSync(path.dirname(box.journal)), `files left by ${args.join(' ')}`).toEqual(['journal.json']);
    }
  });

  it('the seeded journal is one attach reads (so the byte-for-byte check means something)', () => {
    const box = seeded();
    const r = attach(box, ['list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Entry[]).map((entry) => entry.type)).toEqual(['pause', 'trigger']);
  });
});
