import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { attach, attachAsync, type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * Issue 13, "no entry turned away under load": on a 20k-entry journal, with
 * the machine kept busy by CPU-bound processes, 20 `attach log` at once.
 * Before, most of them waited 10 s for the lock and exited 3 (the moment
 * lost). Now every one exits 0, all 20 are listed at once, and all 20 are in
 * the file after the next write, exactly once, with nothing left beside it.
 */

const ENTRIES = 20_000;
const WRITERS = 20;
/** Busy loops: more than the machine has cores, so every writer competes for the CPU. */
const HOGS = Math.max(3, os.availableParallelism());

const boxes: Sandbox[] = [];
const hogs: ChildProcess[] = [];
afterAll(() => {
  for (const hog of hogs) if (hog.exitCode === null && hog.pid !== undefined) process.kill(hog.pid, 'SIGKILL');
  for (const box of boxes) box.cleanup();
});

function bigJournal(): string {
  const entries: Entry[] = [];
  const start = Date.parse('2024-01-01T08:00:00Z');
  for (let i = 0; i < ENTRIES; i++) {
    entries.push(newTrigger({ what: `moment ${i}`, intensity: i % 11, triggers: ['delayed-reply'] }, new Date(start + i * 3_600_000)));
  }
  return serializeJournal({ version: 1, entries });
}

describe('attach log under load', () => {
  it(`${WRITERS} writers at once on ${ENTRIES} entries, with ${HOGS} CPU-bound processes running: none turned away`, async () => {
    const box = sandbox();
    boxes.push(box);
    mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
    writeFileSync(box.journal, bigJournal(), { mode: 0o600 });
    for (let i = 0; i < HOGS; i++) hogs.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));

    const whats = Array.from({ length: WRITERS }, (_, i) => `under load ${i + 1}`);
    const started = performance.now();
    const results = await Promise.all(
      whats.map(async (what) => {
        const t = performance.now();
        const result = await attachAsync(box, ['log', what, '-i', '6']);
        return { ...result, ms: performance.now() - t };
      }),
    );
    const wall = performance.now() - started;
    const codes = results.map((r) => r.code);
    const kept = results.filter((r) => r.stderr.includes('kept beside it')).length;
    results.forEach((r, i) => {
      expect(r.code, `writer ${i + 1}: ${r.stderr}`).toBe(0);
      expect(r.stderr, `writer ${i + 1}`).toContain('Saved to your journal');
    });

    // Listed at once, whether folded in already or still waiting beside the journal.
    const list = attach(box, ['list', '--json', '--search', 'under load']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as Entry[]).map((entry) => entry.what).sort()).toEqual([...whats].sort());

    for (const hog of hogs) hog.kill('SIGKILL');
    const next = attach(box, ['log', 'the next write', '-i', '2']);
    expect(next.code, next.stderr).toBe(0);
    const file = JSON.parse(readFileSync(box.journal, 'utf8')) as Journal;
    expect(file.entries).toHaveLength(ENTRIES + WRITERS + 1);
    expect(new Set(file.entries.map((entry) => entry.id)).size).toBe(ENTRIES + WRITERS + 1);
    expect(file.entries.filter((entry) => whats.includes(entry.what as string))).toHaveLength(WRITERS);
    const dir = path.dirname(box.journal);
    expect(readdirSync(dir).filter((name) => /\.pending-|\.tmp$|\.lock$/.test(name))).toEqual([]);

    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      `load: ${WRITERS} writers on ${ENTRIES} entries with ${HOGS} busy loops (load ${os.loadavg()[0]!.toFixed(1)}): ` +
        `exit codes ${[...new Set(codes)].join(',')}; ${kept} left their entry beside the journal; ` +
        `all done in ${(wall / 1000).toFixed(1)} s, a writer took ${Math.round(ms[Math.floor(ms.length / 2)]!)} ms ` +
        `(median), ${Math.round(ms.at(-1)!)} ms (slowest)`,
    );
  }, 180_000);
});
