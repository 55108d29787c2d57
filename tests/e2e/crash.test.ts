import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { Keyring, readEnvelope } from '../../src/journal/crypto.js';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import type { Journal } from '../../src/journal/types.js';
import { attachAsync, BIN, CLI_NODE, type Sandbox, sandbox } from '../helpers/cli.js';
import { journalOf, trigger } from '../helpers/entries.js';

/*
 * DESIGN.md section 2: writes are atomic. Issue 7, "Crashes": SIGKILL at
 * random moments during writes, encrypted and not, 100 times in all (50 on a
 * plain journal, 50 on an encrypted one). A writer killed at any moment
 * (while starting, reading, waiting for the lock, writing the temp file,
 * renaming) must leave a journal that opens (with the passphrase, when
 * encrypted) and holds every entry whose `attach log` had already exited 0,
 * and so must every backup.
 *
 * The journal is seeded with a few thousand entries so that reading and
 * rewriting it takes a noticeable part of a run, and the kill moments are
 * drawn from 0 to 2x a typical run (measured as the series goes), every other one
 * concentrated on the last part of the run, where the write happens. Every
 * third run first removes backups/, so that run also copies the journal there
 * (the first write of a day) and a kill can land in that copy. The encrypted
 * journal is smaller, to keep the file near a minute. Its first run derives
 * the key for real (about half a second of scrypt); the later ones, on the
 * same salt, get it from the sandbox's scrypt double (tests/helpers/kdf-memo.mjs),
 * so their kill moments fall on reading and writing rather than on scrypt.
 *
 * A killed writer may leave a temp file behind (never read back): it must
 * bear a name of its own (`.<file>.<pid>.<hex>.tmp`), never the journal's or
 * a backup's. While encrypted, no file in the data folder may ever hold the
 * seed's words, not even such a temp file.
 *
 * Leftover lock folders: a writer killed while holding the lock leaves
 * `journal.json.lock`, which proper-lockfile only treats as stale after 5 s.
 * Runs here are strictly one after another, so once the killed writer has
 * exited nobody else can own it: we remove it ourselves (what a stale takeover
 * does, without waiting 5 s each time). At the end of each series one is
 * kept, to check that the next writer takes it over by itself, within the
 * 10 s the store waits for a lock.
 */

const PASS = 'correct horse battery staple';
const KILLS = 50;
const SEED = { plain: 6_000, encrypted: 3_000 };
const SEED_WORDS = 'no reply since this morning';

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
  const entries = Array.from({ length: count }, (_, i) =>
    trigger({
      id: randomUUID(),
      at,
      recordedAt: at,
      what: `seed ${i}: ${SEED_WORDS}, and the evening is getting long`,
      who: 'partner',
      triggers: ['delayed-reply', 'seems-distant'],
      intensity: i % 11,
      body: ['tight-chest', 'racing-heart'],
      thought: 'They are losing interest in me, I can feel it',
      urges: ['double-text', 'check-phone'],
      protest: ['excessive-contact'],
      instead: 'Wrote it down and went for a walk around the block',
      tags: ['seed'],
    }),
  );
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(box.journal, serializeJournal(journalOf(...entries)), { mode: 0o600 });
}

/** Starts `attach log`, SIGKILLs it after `delayMs` unless it has exited by then. */
function runAndKill(box: Sandbox, env: NodeJS.ProcessEnv, n: number, delayMs: number): Promise<Run> {
  const what = `crash ${n}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(CLI_NODE, [BIN, 'log', what, '-i', '5'], { env: { ...box.env, ...env }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ n, what, delayMs, code, signal, ms: performance.now() - started });
    });
  });
}

/** A killed writer's temp file: `.<the file it stands for>.<pid>.<hex>.tmp`, beside the journal or in backups/. */
const TEMP_NAME = /^\.(journal\.json|journal-\d{4}-\d{2}-\d{2}\.json)\.\d+\.[0-9a-f]+\.tmp$/;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

const boxes: Sandbox[] = [];
afterAll(() => {
  for (const box of boxes) box.cleanup();
});

// The two series run side by side: each keeps one core busy (a writer, then the checks), and never blocks the other's
// kill timers for long (every command is started asynchronously).
describe('attach log killed with SIGKILL', () => {
  it.concurrent.for([
    { encrypted: false, label: 'a plain journal' },
    { encrypted: true, label: 'an encrypted journal' },
  ])(
    `$label: ${KILLS} kills at random moments: the file always opens and holds every saved entry`,
    { timeout: 150_000 },
    async ({ encrypted }, { expect }) => {
      const box = sandbox();
      boxes.push(box);
      const env: NodeJS.ProcessEnv = encrypted ? { ATTACH_PASSPHRASE: PASS } : {};
      const dir = path.dirname(box.journal);
      const lock = `${box.journal}.lock`;
      const backups = path.join(dir, 'backups');
      const seeded = encrypted ? SEED.encrypted : SEED.plain;
      // One keyring for the whole series: the journal keeps its salt, so its key is derived once.
      const ring = new Keyring(async () => PASS);

      seed(box, seeded);
      if (encrypted) {
        const r = await attachAsync(box, ['encrypt'], env);
        expect(r.code, r.stderr).toBe(0);
      }

      /** A journal file as it is now: it must open (parseJournal throws otherwise), and be sealed when the journal is. */
      const open = async (file: string): Promise<Journal> => {
        const text = readFileSync(file, 'utf8');
        if (!encrypted) return parseJournal(text, file);
        expect(readEnvelope(text, file), `${file} should be an envelope`).not.toBeNull();
        return parseJournal(await ring.unseal(text, file), file);
      };

      // A typical run: the median of the last few that were not killed, the warm-ups first. It follows the machine's
      // load (and the other series'), so the kill moments keep spreading over the whole of a run.
      const durations: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const result = await attachAsync(box, ['log', `warm-up ${i}`, '-i', '5'], env);
        durations.push(performance.now() - started);
        expect(result.code, result.stderr).toBe(0);
      }
      const typical = () => {
        const last = durations.slice(-5).sort((a, b) => a - b);
        return last[Math.floor(last.length / 2)]!;
      };
      const typicalAtStart = typical();

      const mustHave = new Set(['warm-up 0', 'warm-up 1', 'warm-up 2']);
      const runs: Run[] = [];
      let locksRemoved = 0;
      let backupsChecked = 0;
      let tempsSeen = 0;
      for (let n = 1; n <= KILLS; n++) {
        const typicalMs = typical();
        const delayMs = n % 2 === 0 ? Math.random() * 2 * typicalMs : typicalMs * (0.5 + Math.random() * 0.6);
        if (n % 3 === 0) rmSync(backups, { recursive: true, force: true });
        const run = await runAndKill(box, env, n, delayMs);
        runs.push(run);
        if (run.code === 0) {
          mustHave.add(run.what);
          durations.push(run.ms);
        } else expect(run.signal, `crash ${n} exited ${run.code} without being killed`).toBe('SIGKILL');

        const when = `after crash ${n} (${run.code === 0 ? 'exited 0' : 'killed'} at ${Math.round(delayMs)} ms)`;
        const journal = await open(box.journal);
        const whats = journal.entries.map((entry) => entry.what);
        for (const what of mustHave) expect(whats, when).toContain(what);
        expect(new Set(journal.entries.map((entry) => entry.id)).size, when).toBe(journal.entries.length);
        expect(journal.entries.filter((entry) => entry.what === run.what).length, when).toBeLessThanOrEqual(1);
        expect(journal.entries.length, when).toBeGreaterThanOrEqual(seeded + mustHave.size);
        for (const name of existsSync(backups) ? readdirSync(backups).filter((f) => f.endsWith('.json')) : []) {
          expect((await open(path.join(backups, name))).entries.length, `${name} ${when}`).toBeGreaterThanOrEqual(seeded);
          backupsChecked++;
        }
        // Whatever the moment of the kill, nothing in the data folder holds the journal's words while it is encrypted.
        for (const file of filesUnder(dir)) {
          if (file.endsWith('.tmp')) {
            tempsSeen++;
            expect(path.basename(file), `a temp file ${when} takes a name of its own`).toMatch(TEMP_NAME);
          }
          if (encrypted) expect(readFileSync(file, 'utf8').includes(SEED_WORDS), `plaintext in ${file} ${when}`).toBe(false);
        }

        if (run.signal === 'SIGKILL' && existsSync(lock)) {
          rmSync(lock, { recursive: true, force: true });
          locksRemoved++;
        }
      }

      // A writer killed while it holds the lock: its lock folder stays, and the next writer must take it over by itself.
      // On a busy machine a writer can take the lock and let it go between two looks: then it saved its entry, and
      // another tries (each with words of its own).
      for (let attempt = 1; attempt <= 5 && !existsSync(lock); attempt++) {
        const args = [BIN, 'log', `killed holding the lock ${attempt}`, '-i', '5'];
        const holder = spawn(CLI_NODE, args, { env: { ...box.env, ...env }, stdio: 'ignore' });
        const holderExit = new Promise((resolve) => holder.on('exit', resolve));
        const deadline = Date.now() + 10_000;
        while (!existsSync(lock) && holder.exitCode === null && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 1));
        holder.kill('SIGKILL');
        await holderExit;
      }
      expect(existsSync(lock), 'the last writer should have been killed while holding the lock').toBe(true);
      const started = performance.now();
      const after = await attachAsync(box, ['log', 'after the crashes', '-i', '5'], env);
      const takeoverMs = performance.now() - started;
      expect(after.code, after.stderr).toBe(0);
      mustHave.add('after the crashes');
      expect(existsSync(lock)).toBe(false);

      const final = await open(box.journal);
      const finalWhats = final.entries.map((entry) => entry.what);
      for (const what of mustHave) expect(finalWhats).toContain(what);
      expect(statSync(box.journal).mode & 0o777).toBe(0o600);
      // The CLI opens it too (doctor looks inside an encrypted journal when given the passphrase), with every entry.
      const doctor = await attachAsync(box, ['doctor', '--json'], env);
      expect(doctor.code, doctor.stderr).toBe(0);
      expect(JSON.parse(doctor.stdout).journal).toMatchObject({ valid: true, entries: { total: final.entries.length } });
      const list = await attachAsync(box, ['list', '--json', '--search', 'crash'], env);
      expect(list.code, list.stderr).toBe(0);
      expect((JSON.parse(list.stdout) as { what: string }[]).map((entry) => entry.what).sort()).toEqual(
        finalWhats.filter((what): what is string => typeof what === 'string' && what.includes('crash')).sort(),
      );

      // Temp files left by killed writers are acceptable (never read back) as long as none bears the journal's name.
      const leftoverTemps = filesUnder(dir).filter((file) => file.endsWith('.tmp'));
      for (const file of leftoverTemps) expect(path.basename(file)).toMatch(TEMP_NAME);

      const killed = runs.filter((run) => run.signal === 'SIGKILL');
      console.log(
        [
          `${encrypted ? 'encrypted' : 'plain'}: seed ${seeded} entries (${(statSync(box.journal).size / 1e6).toFixed(1)} MB on disk), ` +
            `a typical run ${Math.round(typicalAtStart)} ms at the start, ${Math.round(typical())} ms at the end`,
          `${runs.length - killed.length} exited 0 before the kill, ${killed.length} killed ` +
            `(${killed.filter((run) => finalWhats.includes(run.what)).length} of them after their entry was saved)`,
          `lock folders removed: ${locksRemoved}; temp files seen after kills: ${tempsSeen}, left at the end: ${leftoverTemps.length}; ` +
            `backup copies checked: ${backupsChecked}; a stale lock taken over by the next write in ${Math.round(takeoverMs)} ms`,
        ].join('\n'),
      );
    },
  );
});
