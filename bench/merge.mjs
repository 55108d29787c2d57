#!/usr/bin/env node
/*
 * `attach merge` of two 20k-entry journals (the journal and a Syncthing
 * conflict copy of it, each with its own adds, edits and deletes since they
 * parted) against the floor: reading and JSON.parse of both files, nothing
 * else. Target: at most 3x. Both sides run interleaved, sample by sample, in
 * the same environment, without NODE_EXTRA_CA_CERTS (it adds about 30 ms to
 * every node start here, which would flatter the ratio).
 *
 *   npm run build && node bench/merge.mjs [--quick]
 *
 * The timed merges are a day's second and later writes: a warm-up makes
 * today's backup first (the first write of a day also copies the journal).
 * Prints the figures and a row for bench/RESULTS.md; writes nothing there.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJournal, serializeJournal } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.ATTACH_BIN ?? path.join(HERE, '..', 'bin', 'attach.js');
const COUNT = 20_000;
const TARGET = 3;
const quick = process.argv.includes('--quick');
const SAMPLES = quick ? 3 : 9;
const COPY_NAME = 'journal.sync-conflict-20261122-101500-ABCDEF7.json';
/** The floor: read both files and parse them, and touch every entry so the parse can't be skipped. */
const READ_BOTH =
  "const fs=require('node:fs');let n=0;for(const f of process.argv.slice(1)){const j=JSON.parse(fs.readFileSync(f,'utf8'));" +
  'for(const e of j.entries)n+=e.id.length}process.stdout.write(String(n))';

const sandbox = mkdtempSync(path.join(os.tmpdir(), 'attach-bench-merge-'));
process.on('exit', () => rmSync(sandbox, { recursive: true, force: true }));
const env = { ...process.env };
for (const name of ['NODE_EXTRA_CA_CERTS', 'ATTACH_FILE', 'ATTACH_PASSPHRASE', 'NODE_ENV', 'FORCE_COLOR']) delete env[name];
Object.assign(env, {
  HOME: path.join(sandbox, 'home'),
  XDG_DATA_HOME: path.join(sandbox, 'data'),
  XDG_CONFIG_HOME: path.join(sandbox, 'config'),
  NO_COLOR: '1',
});
const DIR = path.join(sandbox, 'data', 'attach');
const JOURNAL = path.join(DIR, 'journal.json');
const COPY = path.join(DIR, COPY_NAME);

// ---- the two journals ------------------------------------------------------------

/** Offsets kept as they are: an ISO time `hours` later than `iso`, in the same offset. */
function later(iso, hours) {
  const offset = iso.slice(19);
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = offset === 'Z' ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const wall = new Date(Date.parse(iso) + hours * 3_600_000 + minutes * 60_000).toISOString().slice(0, 19);
  return `${wall}${offset}`;
}

/** One device's journal since the two parted: `base` with its own new entries, edits and deletes. */
function side(base, { seed, edits, deletes, device }) {
  const added = generateJournal({ count: 100, seed, end: '2026-11-21T06:00:00Z' }).entries;
  const deletedAt = '2026-11-21T09:00:00+00:00';
  const gone = new Set(deletes);
  const entries = [];
  const trash = [];
  for (const [i, entry] of base.entries.entries()) {
    if (gone.has(i)) {
      trash.push({ trashedAt: deletedAt, entry });
      continue;
    }
    entries.push(edits.has(i) ? { ...entry, note: `edited on the ${device}`, editedAt: later(entry.recordedAt, 100 + (seed % 7)) } : entry);
  }
  const deleted = trash.map(({ entry }) => ({ id: entry.id, deletedAt }));
  return { version: 1, entries: [...entries, ...added], deleted, trash };
}

const base = generateJournal({ count: COUNT - 50 });
const every = (step, from, count) => Array.from({ length: count }, (_, k) => from + k * step);
// 200 edits each (50 of them the same entries, edited on both), 50 deletes each (10 the same).
const phone = side(base, { seed: 11, edits: new Set(every(97, 5, 200)), deletes: every(389, 3, 50), device: 'phone' });
const laptop = side(base, {
  seed: 12,
  edits: new Set(every(97, 5, 50).concat(every(89, 7, 150))),
  deletes: every(389, 3, 10).concat(every(331, 1, 40)),
  device: 'laptop',
});
const sources = { journal: path.join(sandbox, 'phone.json'), copy: path.join(sandbox, 'laptop.json') };
writeFileSync(sources.journal, serializeJournal(phone), { mode: 0o600 });
writeFileSync(sources.copy, serializeJournal(laptop), { mode: 0o600 });
const expectedIds = new Set([...phone.entries, ...laptop.entries].map((entry) => entry.id));
for (const { id } of [...phone.deleted, ...laptop.deleted]) expectedIds.delete(id);

// ---- timing ----------------------------------------------------------------------

function timed(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, cwd: sandbox, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`\`node ${args.join(' ')}\` failed (${result.status}):\n${result.stderr}`);
  return ms;
}

/** Untimed: both files back as they were, nothing merged yet, no lock left over. */
function prepare() {
  mkdirSync(DIR, { recursive: true, mode: 0o700 });
  rmSync(path.join(DIR, 'merged'), { recursive: true, force: true });
  rmSync(`${JOURNAL}.lock`, { recursive: true, force: true });
  copyFileSync(sources.journal, JOURNAL);
  copyFileSync(sources.copy, COPY);
}

const merge = [BIN, 'merge'];
const floor = ['-e', READ_BOTH, JOURNAL, COPY];

// Warm-up, untimed: today's backup is made, and the merge did the work.
prepare();
timed(merge);
const merged = JSON.parse(readFileSync(JOURNAL, 'utf8'));
if (merged.entries.length !== expectedIds.size || !merged.entries.every((entry) => expectedIds.has(entry.id)))
  throw new Error(`attach merge left ${merged.entries.length} entries; expected ${expectedIds.size}`);
if (existsSync(COPY) || !existsSync(path.join(DIR, 'merged', COPY_NAME))) throw new Error('attach merge did not keep the copy in merged/');
prepare();
timed(floor);

const times = { merge: [], floor: [] };
for (let round = 0; round < SAMPLES; round++) {
  // Which side goes first alternates, so drift falls on both alike.
  for (const name of round % 2 ? ['floor', 'merge'] : ['merge', 'floor']) {
    prepare();
    times[name].push(timed(name === 'merge' ? merge : floor));
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ratio = median(times.merge) / median(times.floor);
const paired = median(times.merge.map((value, i) => value / times.floor[i]));
const mb = (file) => (statSync(file).size / 1e6).toFixed(1);
const result = ratio <= TARGET ? 'pass' : 'MISS';
process.stdout.write(
  `attach merge: ${phone.entries.length} + ${laptop.entries.length} entries (${mb(sources.journal)} MB + ${mb(sources.copy)} MB), ` +
    `${SAMPLES} rounds, load ${os.loadavg()[0].toFixed(2)}\n` +
    `  attach merge ${median(times.merge).toFixed(0)} ms vs read and parse both ${median(times.floor).toFixed(0)} ms ` +
    `-> ${ratio.toFixed(2)}x (paired ${paired.toFixed(2)}x; target <= ${TARGET}x: ${result})\n\n` +
    '| measure | baseline | samples | attach | baseline | ratio | target | result |\n|---|---|---|---|---|---|---|---|\n' +
    `| \`attach merge\`, two 20k-entry journals | read and parse both | ${SAMPLES} | ${median(times.merge).toFixed(0)} ms | ` +
    `${median(times.floor).toFixed(0)} ms | ${ratio.toFixed(2)}x | <= ${TARGET}x | ${result} |\n`,
);
