import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import type { Journal } from '../../src/journal/types.js';
import { attach, BIN, type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * DESIGN.md section 2: writes are atomic. A writer killed with SIGKILL at any
 * moment (while starting, reading, waiting for the lock, writing the temp
 * file, renaming) must leave a journal that parses and validates, and that
 * holds every entry whose `attach log` had already exited 0.
 *
 * The journal is seeded with a few thousand entries so that reading and
 * rewriting it takes a noticeable part of a run, and the kill moments are
 * drawn from 0 to 2x a typical run, half of them concentrated on the last
 * part of the run, where the write happens. Every third run first removes the
 * day's backup, so that run also copies the journal to backups/ before its
 * write (the first write of a day), and a kill can land in that copy too: any
 * backup left must be a valid journal as well.
 *
 * Leftover lock folders: a writer killed while holding the lock leaves
 * `journal.json.lock` behind, and proper-lockfile only treats it as stale
 * after 5 s. We chose to remove a leftover lock folder ourselves, but only
 * after the writer that owned it was SIGKILLed and has exited (runs here are
 * strictly one after another, so nobody else can own it): that is what a
 * stale takeover does, without waiting 5 s each time. Once, at the end, a
 * leftover lock is kept to check that the next writer does take it over by
 * itself (and within the 10 s the store waits for a lock): a last writer is
 * killed as soon as its lock folder appears, and the next one must succeed.
 */

const SEED = 6_000;
const KILLS = 50;

interface Run {
  n: number;
  what: string;
  delayMs: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

function seed(box: Sandbox, count: number): void {
  const at = '2026-01-05T21:14:00+00:00';
  const journal: Journal = {
    version: 1,
    entries: Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      type: 'trigger' as const,
      at,
      recordedAt: at,
      what: `seed ${i}: no reply since this morning, and the evening is getting long`,
      who: 'partner',
      triggers: ['delayed-reply', 'seems-distant'],
      intensity: i % 11,
      body: ['tight-chest', 'racing-heart'],
      thought: 'They are losing interest in me, I can feel it',
      urges: ['double-text', 'check-phone'],
      protest: ['excessive-contact'],
      instead: 'Wrote it down and went for a walk around the block',
      tags: ['seed'],
      note: null,
    })),
  };
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(box.journal, serializeJournal(journal), { mode: 0o600 });
}

/** Starts `attach log`, SIGKILLs it after `delayMs` unless it has exited by then. */
function runAndKill(box: Sandbox, n: number, delayMs: number): Promise<Run> {
  const what = `crash ${n}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'log', what, '-i', '5'], { env: box.env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ n, what, delayMs, code, signal, ms: performance.now() - started });
    });
  });
}

/** The journal as it is now: must be valid JSON of the right shape (parseJournal throws otherwise). */
function readJournal(box: Sandbox): Journal {
  return parseJournal(readFileSync(box.journal, 'utf8'), box.journal);
}

function tempFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

describe('attach log killed with SIGKILL', () => {
  const box = sandbox();
  afterAll(() => box.cleanup());
  const dir = path.dirname(box.journal);
  const lock = `${box.journal}.lock`;
  const backups = path.join(dir, 'backups');

  it(`${KILLS} kills at random moments never corrupt the journal or lose a saved entry`, async () => {
    seed(box, SEED);

    // A typical run on this machine, measured (the first write of the day also takes the backup).
    const typical: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = attach(box, ['log', `warm-up ${i}`, '-i', '5']);
      typical.push(performance.now() - started);
      expect(result.code, result.stderr).toBe(0);
    }
    const typicalMs = [...typical].sort((a, b) => a - b)[1]!;

    const mustHave = new Set(['warm-up 0', 'warm-up 1', 'warm-up 2']);
    const runs: Run[] = [];
    let locksRemoved = 0;
    let backupsChecked = 0;
    let backupTemps = 0;
    for (let n = 1; n <= KILLS; n++) {
      const delayMs = n % 2 === 0 ? Math.random() * 2 * typicalMs : typicalMs * (0.5 + Math.random() * 0.6);
      if (n % 3 === 0) {
        backupTemps += tempFiles(backups).length;
        rmSync(backups, { recursive: true, force: true });
      }
      const run = await runAndKill(box, n, delayMs);
      runs.push(run);
      if (run.code === 0) mustHave.add(run.what);
      else expect(run.signal, `crash ${n} exited ${run.code} without being killed`).toBe('SIGKILL');

      const journal = readJournal(box);
      const whats = journal.entries.map((entry) => entry.what);
      for (const what of mustHave)
        expect(whats, `after crash ${n} (${run.code === 0 ? 'exited 0' : 'killed'} at ${Math.round(delayMs)} ms)`).toContain(what);
      // Nothing else was lost or doubled: the seed, the saved ones, and maybe the killed one if it got past the rename.
      expect(new Set(journal.entries.map((entry) => entry.id)).size).toBe(journal.entries.length);
      expect(journal.entries.filter((entry) => entry.what === run.what).length).toBeLessThanOrEqual(1);
      expect(journal.entries.length).toBeGreaterThanOrEqual(SEED + mustHave.size);
      for (const name of existsSync(backups) ? readdirSync(backups).filter((f) => f.endsWith('.json')) : []) {
        const copy = path.join(backups, name);
        expect(parseJournal(readFileSync(copy, 'utf8'), copy).entries.length).toBeGreaterThanOrEqual(SEED);
        backupsChecked++;
      }

      if (run.signal === 'SIGKILL' && existsSync(lock)) {
        rmSync(lock, { recursive: true, force: true });
        locksRemoved++;
      }
    }

    // A writer killed while it holds the lock: its lock folder stays, and the next writer must take it over by itself.
    const holder = spawn(process.execPath, [BIN, 'log', 'killed holding the lock', '-i', '5'], { env: box.env, stdio: 'ignore' });
    const holderExit = new Promise((resolve) => holder.on('exit', resolve));
    const deadline = Date.now() + 10_000;
    while (!existsSync(lock) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
    holder.kill('SIGKILL');
    await holderExit;
    const lockLeft = existsSync(lock);
    expect(lockLeft, 'the last writer should have been killed while holding the lock').toBe(true);
    const started = performance.now();
    const after = attach(box, ['log', 'after the crashes', '-i', '5']);
    const afterMs = performance.now() - started;
    expect(after.code, after.stderr).toBe(0);
    const final = readJournal(box);
    const finalWhats = final.entries.map((entry) => entry.what);
    for (const what of [...mustHave, 'after the crashes']) expect(finalWhats).toContain(what);
    expect(existsSync(lock)).toBe(false);
    // DESIGN.md section 2: a write never widens the journal's mode.
    expect(statSync(box.journal).mode & 0o777).toBe(0o600);

    const killed = runs.filter((run) => run.signal === 'SIGKILL');
    const killedButSaved = killed.filter((run) => finalWhats.includes(run.what));
    const leftoverTemps = tempFiles(dir);
    const leftoverBackupTemps = backupTemps + tempFiles(backups).length;
    // Leftover temp files from killed writers are acceptable (unique names, never read back); they must not be the journal's name.
    expect(leftoverTemps.every((name) => /^\.journal\.json\.\d+\.[0-9a-f]+\.tmp$/.test(name))).toBe(true);
    console.log(
      [
        `seed ${SEED} entries (${(readFileSync(box.journal).length / 1e6).toFixed(1)} MB), typical run ${Math.round(typicalMs)} ms`,
        `${runs.length - killed.length} exited 0 before the kill, ${killed.length} killed (${killedButSaved.length} of them after their entry was saved)`,
        `lock folders left by killed writers and removed: ${locksRemoved}; then one kept for a stale takeover: the next write took ${Math.round(afterMs)} ms`,
        `leftover temp files: ${leftoverTemps.length} beside the journal, ${leftoverBackupTemps} in backups/ (backup copies checked: ${backupsChecked})`,
      ].join('\n'),
    );
  });
});
