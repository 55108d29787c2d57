import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/progress.js';
import { AttachError } from '../../src/errors.js';
import { serializeJournal } from '../../src/journal/format.js';
import type { Entry } from '../../src/journal/types.js';
import { buildProgram } from '../../src/program/index.js';
import { fakeContext } from '../helpers/fake-context.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'attach-progress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A moment every other evening from 3 March 2026 to the fake clock's 22 November. */
function seed(): void {
  const entries: Entry[] = [];
  for (let d = 0; d < 264; d += 2) {
    const at = new Date(Date.UTC(2026, 2, 3 + d, 20));
    const summer = at >= new Date(Date.UTC(2026, 2, 8, 10)) && at < new Date(Date.UTC(2026, 10, 1, 9));
    const iso = `${at.toISOString().slice(0, 16)}:00${summer ? '-07:00' : '-08:00'}`;
    entries.push({
      id: `t${d}`,
      type: 'trigger',
      at: iso,
      recordedAt: iso,
      tags: [],
      note: null,
      what: 'No reply',
      who: 'partner',
      triggers: [],
      intensity: 3 + (d % 5),
      body: [],
      thought: null,
      urges: [],
      protest: [],
      instead: null,
    });
  }
  writeFileSync(path.join(dir, 'journal.json'), serializeJournal({ version: 1, entries }));
}

async function rejects(options: Parameters<typeof run>[0]): Promise<{ error: AttachError; stdout: string }> {
  const { ctx, stdout } = fakeContext({ dir });
  const error = await run(options, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AttachError);
  return { error: error as AttachError, stdout: stdout.text };
}

describe('attach progress (the command)', () => {
  it('shows the 6 months ending this month by default, this month still under way', async () => {
    seed();
    const { ctx, stdout, stderr } = fakeContext({ dir });
    await run({}, ctx);
    expect(stdout.text).toMatch(/^Change over months: June – November 2026\n/);
    expect(stdout.text).toContain('Nov 2026*');
    expect(stdout.text.replace(/\n/g, ' ')).toContain('* November is still under way: its figures are so far.');
    expect(stderr.text).toBe('');
  });

  it('prints attach.progress/1 with --json or --format json', async () => {
    seed();
    for (const options of [{ json: true }, { format: 'json' }, { format: 'JSON', json: true }]) {
      const { ctx, stdout } = fakeContext({ dir });
      await run(options, ctx);
      const data = JSON.parse(stdout.text);
      expect(data.schema).toBe('attach.progress/1');
      expect(data.range).toEqual({ from: '2026-06', to: '2026-11', months: 6, since: null });
      expect(data.months.map((m: { month: string }) => m.month)).toEqual([
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ]);
      expect(Array.isArray(data.changes)).toBe(true);
    }
  });

  it('takes --months and --to', async () => {
    seed();
    const { ctx, stdout } = fakeContext({ dir });
    await run({ months: '3', to: '2026-10', json: true }, ctx);
    const data = JSON.parse(stdout.text);
    expect(data.months.map((m: { month: string; underway: boolean }) => [m.month, m.underway])).toEqual([
      ['2026-08', false],
      ['2026-09', false],
      ['2026-10', false],
    ]);
  });

  it('covers only the months a young journal has', async () => {
    seed();
    const { ctx, stdout } = fakeContext({ dir });
    await run({ months: '12', json: true }, ctx);
    const data = JSON.parse(stdout.text);
    expect(data.range).toMatchObject({ from: '2025-12', to: '2026-11', since: '2026-03-03' });
    expect(data.months[0]).toMatchObject({ month: '2026-03', days: 29 });
  });

  it('writes Markdown with --format md', async () => {
    seed();
    const { ctx, stdout } = fakeContext({ dir });
    await run({ format: 'md' }, ctx);
    expect(stdout.text).toMatch(/^# Change over months: June – November 2026\n/);
    expect(stdout.text).toContain('| Nov 2026 (so far) |');
  });

  it('fits a narrow terminal, and writes no colour codes when piped', async () => {
    seed();
    const { ctx, stdout } = fakeContext({ dir });
    stdout.isTTY = true;
    stdout.columns = 40;
    await run({}, ctx);
    for (const line of stdout.text.split('\n')) expect([...line].length).toBeLessThanOrEqual(40);
    const piped = fakeContext({ dir });
    await run({}, piped.ctx);
    expect(piped.stdout.text).not.toContain('\u001b');
    expect(piped.stdout.text.split('\n').some((line) => line.length > 40)).toBe(true);
  });

  it('writes to a file readable only by you with -o, atomically, and says so on stderr', async () => {
    seed();
    const { ctx, stdout, stderr } = fakeContext({ dir });
    const file = path.join(dir, 'out', 'progress.md');
    await run({ format: 'md', out: file }, ctx);
    expect(stdout.text).toBe('');
    expect(readFileSync(file, 'utf8')).toMatch(/^# Change over months/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(['progress.md']);
    expect(stderr.text.replace(/\n(?!$)/g, ' ')).toBe(`Progress written to ${file} (readable only by you).\n`);
  });

  it('reads a missing journal as an empty one and says nothing was logged', async () => {
    const { ctx, stdout } = fakeContext({ dir });
    await run({}, ctx);
    expect(stdout.text).toContain('Nothing logged in these months yet.');
    expect(existsSync(path.join(dir, 'journal.json'))).toBe(false);
  });

  it.each([
    [{ months: '0' }, '--months', '"0"'],
    [{ months: 'abc' }, '--months', '"abc"'],
    [{ months: '121' }, '--months', '"121"'],
    [{ months: '2.5' }, '--months', '"2.5"'],
    [{ to: '2026-13' }, '--to', '"2026-13"'],
    [{ to: 'november' }, '--to', '"november"'],
    [{ to: '2027-01' }, '--to', 'after this month'],
    [{ format: 'pdf' }, '--format', '"pdf"'],
    [{ format: 'md', json: true }, '--json', 'pick one'],
  ])('refuses %o: exit 2, one line naming %s, nothing printed or written', async (options, flag, detail) => {
    seed();
    const out = path.join(dir, 'never.txt');
    const { error, stdout } = await rejects({ ...options, out });
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(flag);
    expect(error.message).toContain(detail);
    expect(error.message).not.toContain('\n');
    expect(error.details).toEqual([]);
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('describes itself for --help, with examples', () => {
    const command = buildProgram().commands.find((c) => c.name() === 'progress')!;
    expect(command.summary().length).toBeLessThan(80);
    expect(command.options.map((option) => option.flags)).toEqual([
      '--months <n>',
      '--to <YYYY-MM>',
      '--format <format>',
      '--json',
      '--open',
      '-o, --out <file>',
    ]);
    let help = '';
    command.configureOutput({ writeOut: (text) => (help += text) });
    command.outputHelp();
    expect(help).toMatch(/Examples:\n {2}attach progress\n/);
  });
});
