import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { journalOf, trigger } from '../helpers/entries.js';

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
  mkdirSync(path.dirname(box.journal), { recursive: true });
  const entries: Entry[] = [];
  for (let w = 0; w < 8; w++) {
    const day = (offset: number) => new Date(Date.UTC(2026, 10, 22 - 7 * w + offset)).toISOString().slice(0, 10);
    if (w % 4 !== 1)
      entries.push(
        trigger({
          id: `sun-${w}`,
          at: `${day(0)}T19:40:00+05:30`,
          recordedAt: `${day(0)}T19:41:00+05:30`,
          what: 'quiet evening',
          who: 'partner',
          triggers: ['seems-distant'],
          intensity: 8,
          body: ['tight-chest'],
          urges: ['ask-reassurance'],
          protest: ['withdrawing'],
        }),
      );
    entries.push(
      trigger({
        id: `day-${w}`,
        at: `${day(-1 - (w % 5))}T${String(7 + w).padStart(2, '0')}:10:00+05:30`,
        recordedAt: `${day(-1)}T10:00:00+05:30`,
        what: 'meeting',
        who: 'partner',
        triggers: ['work-distant'],
        intensity: 3,
      }),
    );
  }
  writeFileSync(box.journal, JSON.stringify(journalOf(...entries)));
});
afterAll(() => box.cleanup());

describe('attach report', () => {
  it('prints attach.report/1 with every key of DESIGN.md section 3', () => {
    const r = attach(box, ['report', '--week', '2026-W47', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const key of [
      'schema',
      'period',
      'lookback',
      'counts',
      'intensity',
      'patterns',
      'triggers',
      'body',
      'urges',
      'protest',
      'pauses',
      'reflections',
      'heatmap',
    ]) {
      expect(report).toHaveProperty(key);
    }
    expect(report.schema).toBe('attach.report/1');
    expect(report.period).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(report.lookback).toMatchObject({ to: '2026-11-22', weeks: 8 });
    expect(Object.keys(report.counts)).toEqual(['trigger', 'pause', 'reflection']);
    expect(Object.keys(report.intensity)).toEqual(['mean', 'max', 'previousMean']);
    expect(Object.keys(report.pauses)).toEqual(
      expect.arrayContaining(['count', 'completed', 'passed', 'passedRate', 'meanBefore', 'meanAfter', 'meanDrop']),
    );
    expect(Object.keys(report.reflections)).toEqual(['count', 'needs']);
    expect(report.heatmap).toHaveLength(7);
    for (const row of report.heatmap) expect(row).toHaveLength(4);
    const [pattern] = report.patterns;
    expect(Object.keys(pattern)).toEqual(
      expect.arrayContaining([
        'weekday',
        'daypart',
        'weeks',
        'weeksObserved',
        'entries',
        'meanIntensity',
        'baselineIntensity',
        'topUrges',
        'topProtest',
        'text',
      ]),
    );
    expect(pattern).toMatchObject({ weekday: 'sunday', daypart: 'evening', weeks: 6, weeksObserved: 8 });
    expect(report.protest[0]).toEqual({ name: 'withdrawing', count: 1, after: [{ trigger: 'seems-distant', count: 1 }] });
    expect(attach(box, ['report', '--week', '2026-W47', '--format', 'json']).stdout).toBe(r.stdout);
  });

  it("reads days in each entry's own time, whatever zone the report runs in", () => {
    const a = attach(box, ['report', '--week', '2026-W47', '--json'], { TZ: 'Pacific/Kiritimati' }).stdout;
    const b = attach(box, ['report', '--week', '2026-W47', '--json'], { TZ: 'America/Los_Angeles' }).stdout;
    expect(a).toBe(b);
  });

  it('prints text without colour when piped, and writes -o files only its owner can read', () => {
    const text = attach(box, ['report', '--to', '2026-11-22']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Sunday evenings: 6 of the last 8 weeks');
    expect(text.stdout).not.toMatch(/\u001b/);
    const out = path.join(box.dir, 'reports', 'week.md');
    mkdirSync(path.dirname(out));
    const md = attach(box, ['report', '--week', '2026-W47', '--format', 'md', '-o', out]);
    expect(md.code).toBe(0);
    expect(md.stdout).toBe('');
    expect(md.stderr).toContain(out);
    expect(readFileSync(out, 'utf8')).toMatch(/^# attach report: 16–22 Nov 2026/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('is kind about an empty journal, and still prints data on stdout', () => {
    const empty = sandbox();
    try {
      const r = attach(empty, ['report']);
      expect(r.code).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('a quiet stretch is not a failure');
      expect(JSON.parse(attach(empty, ['report', '--json']).stdout).patterns).toEqual([]);
    } finally {
      empty.cleanup();
    }
  });

  it.each([
    ['--week 2026-W54', ['--week', '2026-W54'], /--week takes an ISO week/],
    ['--from 2026-13-01', ['--from', '2026-13-01'], /--from: "2026-13-01"/],
    ['--from after --to', ['--from', '2026-11-20', '--to', '2026-11-01'], /is after --to/],
    ['--lookback 0', ['--lookback', '0'], /--lookback takes a number of weeks/],
    ['--format pdf', ['--format', 'pdf'], /--format takes text, json, md or html \(you gave "pdf"\)/],
  ])('refuses %s with exit 2 and one line', (_name, args, message) => {
    const r = attach(box, ['report', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
