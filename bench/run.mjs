#!/usr/bin/env node
/*
 * attach benchmarks: `npm run bench` (builds first), or `node bench/run.mjs`
 * on an existing build; `--quick` takes fewer samples and leaves
 * bench/RESULTS.md alone (for trying a change, not for the record);
 * `--pause-only` runs section 3 alone and rewrites only its part of
 * bench/RESULTS.md (`--pause-only --quick`: 15 s instead of 60, nothing written);
 * `--crypto-only` runs section 5 alone the same way. ATTACH_BENCH_BUILD names
 * another build to measure (a folder with bin/attach.js, dist/ and prompts/,
 * laid out like this repository; default: this repository's own).
 *
 * Every figure is a ratio against a baseline measured in the same run, in
 * the same environment, interleaved sample by sample: absolute times depend
 * on the machine, ratios much less. NODE_EXTRA_CA_CERTS is removed from every
 * process (it adds ~30 ms to every node start here, to both sides, and so
 * hides the ratio). Nothing is asserted; the table says
 * which targets are met and bench/RESULTS.md is rewritten with it.
 *
 *   1. start-up: `attach --version` and `attach --help` against `node -e 0`;
 *   2. `attach log "..." -i 5 --no-input` on journals of 1k, 20k and 100k
 *      entries against bench/floor.mjs (read, JSON.parse, push, one compact
 *      JSON.stringify, temp file + fsync + rename);
 *   3. CPU time of a 60-second `attach pause`, plain and live in a
 *      pseudo-terminal, against `sleep 60` and an idle node (bench/pause-cpu.mjs;
 *      an absolute figure, % of one core, target under 2% while the timer runs);
 *   5. `attach log` and `attach report --json` on an encrypted 20k-entry journal
 *      against the same journal unencrypted (target: the difference is the key
 *      derivation, about 100 ms, plus no more than 1.3x).
 *
 * Every process gets the same environment: this one's, with HOME,
 * XDG_DATA_HOME and XDG_CONFIG_HOME pointing into a temp folder (the real
 * home is never touched) and ATTACH_FILE, ATTACH_PASSPHRASE, FORCE_COLOR,
 * NODE_ENV and NODE_EXTRA_CA_CERTS removed (section 5 adds a passphrase of
 * its own, to both sides).
 */
import { spawnSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, writeJournal } from './generate.mjs';
import { measurePauseCpu, pauseTable } from './pause-cpu.mjs';
import { writeResults } from './results-file.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const FLOOR = path.join(HERE, 'floor.mjs');
const DATA = path.join(HERE, 'data');
const NODE = process.execPath;

const quick = process.argv.includes('--quick');
const pauseOnly = process.argv.includes('--pause-only');
const cryptoOnly = process.argv.includes('--crypto-only');
const PAUSE_SECONDS = quick ? 15 : 60;
/** Section 3's part of RESULTS.md lies between these, so `--pause-only` can rewrite it alone. */
const PAUSE_START = '<!-- pause-cpu: rewritten by `npm run bench` and `node bench/run.mjs --pause-only` -->';
const PAUSE_END = '<!-- /pause-cpu -->';
/** Section 5's part of RESULTS.md, rewritten alone by `--crypto-only`. */
const CRYPTO_START = '<!-- crypto: rewritten by `npm run bench` and `node bench/run.mjs --crypto-only` -->';
const CRYPTO_END = '<!-- /crypto -->';
const CRYPTO_ENTRIES = 20_000;
const CRYPTO_SAMPLES = quick ? 5 : 15;
const CRYPTO_TARGET = 1.3;
/** Only for the bench's own sandbox; both sides of section 5 get it, so their environments are identical. */
const CRYPTO_PASSPHRASE = 'bench passphrase, not a secret';
const STARTUP_SAMPLES = quick ? 8 : 30;
const LOG_SIZES = [
  { entries: 1_000, samples: quick ? 5 : 21, target: null },
  { entries: 20_000, samples: quick ? 5 : 15, target: 1.5 },
  { entries: 100_000, samples: quick ? 3 : 11, target: 1.5 },
];
const STARTUP_TARGET = 1.8;
const WHAT = 'no reply since this morning';

const log = (text) => process.stderr.write(`${text}\n`);

/** The build measured: this repository's, or another laid out the same way (ATTACH_BENCH_BUILD). */
const BUILD = process.env.ATTACH_BENCH_BUILD ? path.resolve(process.env.ATTACH_BENCH_BUILD) : ROOT;
if (!existsSync(path.join(BUILD, 'dist', 'cli.js'))) {
  log(`${path.join(BUILD, 'dist', 'cli.js')} is missing: run \`npm run bench\` (it builds first) or \`npx tsup\`.`);
  process.exit(1);
}

// ---- a sandbox and one environment for every process ------------------------

const sandbox = mkdtempSync(path.join(os.tmpdir(), 'attach-bench-'));
const env = { ...process.env };
// NODE_EXTRA_CA_CERTS adds ~30 ms to every node start here (it loads the certificates), to both sides alike: it would hide the ratios.
for (const name of ['ATTACH_FILE', 'FORCE_COLOR', 'NODE_ENV', 'ATTACH_PASSPHRASE', 'ATTACH_BENCH_BUILD', 'NODE_EXTRA_CA_CERTS'])
  delete env[name];
Object.assign(env, {
  HOME: path.join(sandbox, 'home'),
  XDG_DATA_HOME: path.join(sandbox, 'data'),
  XDG_CONFIG_HOME: path.join(sandbox, 'config'),
  NO_COLOR: '1',
});
for (const dir of [env.HOME, env.XDG_DATA_HOME, env.XDG_CONFIG_HOME]) mkdirSync(dir, { recursive: true, mode: 0o700 });

// A snapshot of the build (bin/, dist/, prompts/, package.json in the same
// layout), so a rebuild or a test run in the working tree during the bench
// (tsup empties dist/ first) can neither break it nor mix two builds.
const APP = path.join(sandbox, 'app');
for (const part of ['bin', 'dist', 'prompts', 'package.json']) {
  // package.json from the repository when the build folder has none (a build made with tsup --out-dir).
  const from = existsSync(path.join(BUILD, part)) ? path.join(BUILD, part) : path.join(ROOT, part);
  cpSync(from, path.join(APP, part), { recursive: true, dereference: true });
}
const BIN = path.join(APP, 'bin', 'attach.js');
/** The default journal path (DESIGN.md section 2), so `attach log` needs no --file. */
const JOURNAL_DIR = path.join(env.XDG_DATA_HOME, 'attach');
const JOURNAL = path.join(JOURNAL_DIR, 'journal.json');
process.on('exit', () => rmSync(sandbox, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));

/** Runs node with `args` and returns its wall time in ms; a failure stops the bench. */
function timed(args) {
  const start = performance.now();
  const result = spawnSync(NODE, args, { env, cwd: sandbox, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`\`node ${args.join(' ')}\` failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
  }
  return ms;
}

// ---- statistics ----------------------------------------------------------------

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
const median = (values) => quantile(values, 0.5);
const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const spread = (values) => `${ms(quantile(values, 0.25))}–${ms(quantile(values, 0.75))}`;

const rows = [];
function addRow(measure, baseline, samples, side, base, target) {
  const ratio = median(side) / median(base);
  // The same rounds' samples side by side: steadier than the medians when the machine is busy.
  const paired = median(side.map((value, i) => value / base[i]));
  const row = {
    paired,
    measure,
    baseline,
    samples,
    side: median(side),
    sideSpread: spread(side),
    base: median(base),
    baseSpread: spread(base),
    ratio,
    target,
    result: target === null ? '—' : ratio <= target ? 'pass' : 'MISS',
  };
  rows.push(row);
  log(
    `  ${measure}: ${ms(row.side)} ms vs ${baseline} ${ms(row.base)} ms -> ${ratio.toFixed(2)}x (paired ${paired.toFixed(2)}x)` +
      (target === null ? '' : ` (target <= ${target}x: ${row.result})`),
  );
}

/** Runs each command once per round, rotating which goes first, so drift and order effects fall on every side alike. */
function interleave(rounds, commands) {
  const times = commands.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < commands.length; k++) {
      const index = (round + k) % commands.length;
      times[index].push(commands[index]());
    }
  }
  return times;
}

const loadBefore = os.loadavg()[0];
if (loadBefore > os.cpus().length / 2) {
  log(
    `note: load average ${loadBefore.toFixed(2)} on ${os.cpus().length} cores; other work may add noise (the ratios are interleaved, so less than the times).`,
  );
}
const started = performance.now();

if (pauseOnly) {
  const pause = await pauseSection();
  const file = path.join(HERE, 'RESULTS.md');
  if (!quick) writeResults(file, withPauseSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n', pause.markdown));
  process.stdout.write(
    `\n${pause.table}\n\n${quick ? 'bench/RESULTS.md left as it was (--quick)' : 'pause section written to bench/RESULTS.md'}\n`,
  );
  process.exit(0);
}

if (cryptoOnly) {
  const encryption = cryptoSection();
  const file = path.join(HERE, 'RESULTS.md');
  // Read again just before writing: another section may have been rewritten while this one ran.
  if (!quick)
    writeResults(file, withCryptoSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n', encryption.markdown));
  process.stdout.write(
    `\n${encryption.table}\n\n${quick ? 'bench/RESULTS.md left as it was (--quick)' : 'encryption section written to bench/RESULTS.md'}\n`,
  );
  process.exit(0);
}

// ---- 1. start-up ---------------------------------------------------------------

log(`start-up: ${STARTUP_SAMPLES} rounds of node -e 0, attach --version, attach --help`);
const startup = [() => timed(['-e', '0']), () => timed([BIN, '--version']), () => timed([BIN, '--help'])];
for (const run of startup) run(); // warm-up: file cache, untimed
const [bare, version, help] = interleave(STARTUP_SAMPLES, startup);
addRow('`attach --version`', '`node -e 0`', STARTUP_SAMPLES, version, bare, STARTUP_TARGET);
addRow('`attach --help`', '`node -e 0`', STARTUP_SAMPLES, help, bare, STARTUP_TARGET);

// ---- 2. attach log against the floor --------------------------------------------

/** The generated journal of `entries` entries, made again when the generator changed. */
function dataFile(entries) {
  const file = path.join(DATA, `journal-${entries}-seed${DEFAULT_SEED}.json`);
  const generator = statSync(path.join(HERE, 'generate.mjs')).mtimeMs;
  if (!existsSync(file) || statSync(file).mtimeMs < generator) {
    log(`  generating ${entries} entries into ${path.relative(ROOT, file)}`);
    writeJournal(file, { count: entries, seed: DEFAULT_SEED });
  }
  return file;
}

function fsyncPath(target) {
  const fd = openSync(target, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Untimed: the journal back to its generated size, flushed, and no lock left over. */
function prepare(source) {
  rmSync(`${JOURNAL}.lock`, { recursive: true, force: true });
  copyFileSync(source, JOURNAL);
  fsyncPath(JOURNAL);
  fsyncPath(JOURNAL_DIR);
}

/** The backup attach makes on the first write of a local day (src/journal/backups.ts). */
function todaysBackup() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return path.join(JOURNAL_DIR, 'backups', `journal-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`);
}

function countEntries(file) {
  return JSON.parse(readFileSync(file, 'utf8')).entries.length;
}

const logArgs = [BIN, 'log', WHAT, '-i', '5', '--no-input'];
const sizes = [];
for (const { entries, samples, target } of LOG_SIZES) {
  const source = dataFile(entries);
  const bytes = statSync(source).size;
  // The floor writes compact JSON, smaller than the generated layout: a run of it grew the journal when it is larger than this.
  const compactBytes = Buffer.byteLength(JSON.stringify(JSON.parse(readFileSync(source, 'utf8'))));
  sizes.push({ entries, bytes });
  log(`attach log, ${entries} entries (${(bytes / 1e6).toFixed(1)} MB): ${samples} rounds`);
  rmSync(JOURNAL_DIR, { recursive: true, force: true });
  mkdirSync(JOURNAL_DIR, { recursive: true, mode: 0o700 });

  // Warm-up, untimed: makes today's backup, so the timed runs are the steady
  // state of a day's second and later writes; and checks both sides did the work.
  for (const [name, args] of [
    ['attach log', logArgs],
    ['floor', [FLOOR, JOURNAL]],
  ]) {
    prepare(source);
    timed(args);
    const count = countEntries(JOURNAL);
    if (count !== entries + 1) throw new Error(`${name} left ${count} entries in a journal of ${entries}; expected ${entries + 1}`);
  }
  if (!existsSync(todaysBackup())) throw new Error(`the warm-up made no backup at ${todaysBackup()}`);

  const run = (args, grown) => () => {
    prepare(source);
    // Past midnight a new day's backup would be timed: make it untimed first.
    if (!existsSync(todaysBackup())) {
      timed(logArgs);
      prepare(source);
    }
    const time = timed(args);
    if (statSync(JOURNAL).size <= grown) throw new Error(`\`${args.join(' ')}\` did not grow the journal`);
    return time;
  };
  const [attach, floor] = interleave(samples, [run(logArgs, bytes), run([FLOOR, JOURNAL], compactBytes)]);
  addRow(`\`attach log\`, ${entries / 1000}k entries`, '`floor.mjs`', samples, attach, floor, target);
}

// ---- 3. the pause timer's CPU time ---------------------------------------------

/** Runs bench/pause-cpu.mjs on the snapshot of the build; returns its table and its part of RESULTS.md. */
async function pauseSection() {
  const load = os.loadavg()[0];
  const sectionStarted = performance.now();
  const result = await measurePauseCpu({ bin: BIN, node: NODE, env, cwd: sandbox, seconds: PAUSE_SECONDS, log });
  const took = (performance.now() - sectionStarted) / 1000;
  const table = pauseTable(result);
  const markdown = `${PAUSE_START}
## Pause: CPU time while the timer runs

Date: ${new Date().toISOString()} (this section: ${took.toFixed(0)} s${pauseOnly ? ', run alone with `--pause-only`' : ', in the whole bench'});
load average (1 min) at its start ${load.toFixed(2)}, at its end ${os.loadavg()[0].toFixed(2)}.
Unlike the table above, these are absolute figures: CPU % = CPU seconds / wall seconds x 100, the share of one core.

${table}

The target applies to "CPU % while the timer runs" of the two attach rows. "Total" covers the whole
process, start-up and saving included (Node's start-up alone is most of it: compare the idle node).

Method (bench/pause-cpu.mjs):
- The four processes run side by side for the same ${result.seconds} s of wall time, from the same snapshot
  of the build and environment as above (NO_COLOR=1, except in the pseudo-terminal, where colours are on
  as on a person's terminal); each attach writes its own journal with \`--file\`.
- The live pause runs in node-pty (80x24, TERM=xterm-256color); nothing is typed while the timer runs;
  when the time is up, Ctrl-C at the first after-question ends it (the pause is saved, exit 130).
- Total: every process is the child of \`bash -c '"$@"; times > file'\`; bash's \`times\` gives the user
  and system time of the waited-for child from the kernel's rusage (wait4), to the millisecond, for its
  whole life and all its threads, without the wrapper's own time and without depending on when anyone looks.
- While the timer runs: utime + stime of the same child from /proc/<pid>/stat (clock ticks of
  1/${result.ticks} s), read 0.5 s after the timer is seen running (the first frame in the terminal, the
  "Pausing for" line without one) and again 1.5 s before the time is up.
- Not asserted anywhere: a miss is reported, not failed.
${PAUSE_END}
`;
  return { table, markdown };
}

/** RESULTS.md with its pause part replaced (or added at the end), the rest byte for byte as it was. */
function withPauseSection(text, markdown) {
  const from = text.indexOf(PAUSE_START);
  const to = text.indexOf(PAUSE_END);
  if (from >= 0 && to > from) return text.slice(0, from) + markdown + text.slice(to + PAUSE_END.length).replace(/^\n/, '');
  return `${text.replace(/\n*$/, '')}\n\n${markdown}`;
}

// ---- 5. encryption at rest ------------------------------------------------------

/** Runs node with `args` in `withEnv`; returns its wall time in ms and what it printed; a failure stops the bench. */
function timedWith(withEnv, args) {
  const start = performance.now();
  const result = spawnSync(NODE, args, { env: withEnv, cwd: sandbox, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const elapsed = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`\`node ${args.join(' ')}\` failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
  }
  return { ms: elapsed, stdout: result.stdout.toString() };
}

/** Today's backup of the journal in `dir` (src/journal/backups.ts). */
function todaysBackupIn(dir) {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return path.join(dir, 'backups', `journal-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`);
}

/** One key derivation with the envelope's parameters, timed in this process (the same node on the same machine). */
function kdfMs(kdf) {
  const start = performance.now();
  scryptSync(CRYPTO_PASSPHRASE, 'a salt of sixteen', kdf.keyLength, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
  return performance.now() - start;
}

/**
 * `attach log` and `attach report --json` on an encrypted 20k-entry journal
 * against the same journal unencrypted, interleaved round by round, with the
 * KDF's own cost measured in the same rounds; returns its table and its part
 * of RESULTS.md.
 */
function cryptoSection() {
  const load = os.loadavg()[0];
  const sectionStarted = performance.now();
  const source = dataFile(CRYPTO_ENTRIES);
  const root = path.join(sandbox, 'crypto');
  rmSync(root, { recursive: true, force: true });
  const sides = {
    plain: { dir: path.join(root, 'plain') },
    encrypted: { dir: path.join(root, 'encrypted') },
  };
  for (const side of Object.values(sides)) {
    side.file = path.join(side.dir, 'journal.json');
    mkdirSync(side.dir, { recursive: true, mode: 0o700 });
  }
  // One environment for every process of this section: the passphrase is in it for both sides (the plain side never reads it).
  const cryptoEnv = { ...env, ATTACH_PASSPHRASE: CRYPTO_PASSPHRASE };
  const run = (args) => timedWith(cryptoEnv, args);

  // Encrypted once, with the CLI; every encrypted sample starts again from this envelope (same salt, key derived anew by each run).
  copyFileSync(source, sides.encrypted.file);
  run([BIN, '--file', sides.encrypted.file, 'encrypt', '--no-input']);
  const envelope = JSON.parse(readFileSync(sides.encrypted.file, 'utf8'));
  if (envelope.format !== 'attach.encrypted' || typeof envelope.ciphertext !== 'string')
    throw new Error('attach encrypt did not leave an envelope');
  sides.plain.source = source;
  sides.encrypted.source = path.join(root, 'encrypted-source.json');
  copyFileSync(sides.encrypted.file, sides.encrypted.source);
  const plainBytes = statSync(source).size;
  const sealedBytes = statSync(sides.encrypted.source).size;

  const restore = (side) => {
    rmSync(`${side.file}.lock`, { recursive: true, force: true });
    copyFileSync(side.source, side.file);
    fsyncPath(side.file);
    fsyncPath(side.dir);
  };
  const logArgsOf = (side) => [BIN, '--file', side.file, 'log', WHAT, '-i', '5', '--no-input'];
  const reportArgsOf = (side) => [BIN, '--file', side.file, 'report', '--json', '--no-input'];
  const count = (side) => JSON.parse(run([BIN, '--file', side.file, 'doctor', '--json']).stdout).journal.entries?.total;

  // Warm-up, untimed: today's backup on both sides (the encrypted one has it from `attach encrypt`), and checks that
  // both do the same work: one more entry each, the encrypted one still sealed, and the same report.
  for (const [name, side] of Object.entries(sides)) {
    restore(side);
    run(logArgsOf(side));
    const entries = count(side);
    if (entries !== CRYPTO_ENTRIES + 1)
      throw new Error(`attach log on the ${name} journal left ${entries} entries; expected ${CRYPTO_ENTRIES + 1}`);
    if (!existsSync(todaysBackupIn(side.dir))) throw new Error(`the warm-up made no backup at ${todaysBackupIn(side.dir)}`);
  }
  if (JSON.parse(readFileSync(sides.encrypted.file, 'utf8')).format !== 'attach.encrypted')
    throw new Error('attach log unsealed the encrypted journal');
  restore(sides.plain);
  restore(sides.encrypted);
  if (run(reportArgsOf(sides.plain)).stdout !== run(reportArgsOf(sides.encrypted)).stdout)
    throw new Error('attach report --json differs between the plain and the encrypted journal');

  const sample = (side, argsOf, writes) => () => {
    restore(side);
    // Past midnight a new day's backup would be timed: make it untimed first.
    if (!existsSync(todaysBackupIn(side.dir))) {
      run(logArgsOf(side));
      restore(side);
    }
    const time = run(argsOf(side)).ms;
    if (writes && statSync(side.file).size <= statSync(side.source).size)
      throw new Error(`\`${argsOf(side).join(' ')}\` did not grow the journal`);
    return time;
  };
  log(
    `encryption: attach log and attach report --json, ${CRYPTO_ENTRIES} entries (${(plainBytes / 1e6).toFixed(1)} MB plain, ${(sealedBytes / 1e6).toFixed(1)} MB encrypted): ${CRYPTO_SAMPLES} rounds`,
  );
  const [logPlain, logSealed, reportPlain, reportSealed, kdf] = interleave(CRYPTO_SAMPLES, [
    sample(sides.plain, logArgsOf, true),
    sample(sides.encrypted, logArgsOf, true),
    sample(sides.plain, reportArgsOf, false),
    sample(sides.encrypted, reportArgsOf, false),
    () => kdfMs(envelope.kdf),
  ]);

  const kdfMedian = median(kdf);
  const cryptoRows = [
    ['`attach log`', logPlain, logSealed],
    ['`attach report --json`', reportPlain, reportSealed],
  ].map(([measure, plain, sealed]) => {
    const row = {
      measure,
      plain: median(plain),
      sealed: median(sealed),
      difference: median(sealed) - median(plain),
      ratio: median(sealed) / median(plain),
      adjusted: (median(sealed) - kdfMedian) / median(plain),
      paired: median(sealed.map((value, i) => (value - kdf[i]) / plain[i])),
      budget: kdfMedian + (CRYPTO_TARGET - 1) * median(plain),
      plainSpread: spread(plain),
      sealedSpread: spread(sealed),
    };
    row.result = row.adjusted <= CRYPTO_TARGET ? 'pass' : 'MISS';
    log(
      `  ${measure}: encrypted ${ms(row.sealed)} ms vs plain ${ms(row.plain)} ms: +${ms(row.difference)} ms (budget ${ms(row.budget)}), ` +
        `${row.ratio.toFixed(2)}x, ${row.adjusted.toFixed(2)}x after the KDF (${ms(kdfMedian)} ms) (target <= ${CRYPTO_TARGET}x: ${row.result})`,
    );
    return row;
  });

  const took = (performance.now() - sectionStarted) / 1000;
  const table = [
    '| measure | samples | plain median (IQR) ms | encrypted median (IQR) ms | difference ms | KDF median (IQR) ms | ratio | ratio after the KDF | paired, after the KDF | budget ms (KDF + 0.3 x plain) | target | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...cryptoRows.map(
      (r) =>
        `| ${r.measure} | ${CRYPTO_SAMPLES} | ${ms(r.plain)} (${r.plainSpread}) | ${ms(r.sealed)} (${r.sealedSpread}) | +${ms(r.difference)} | ${ms(kdfMedian)} (${spread(kdf)}) | ` +
        `${r.ratio.toFixed(2)}x | **${r.adjusted.toFixed(2)}x** | ${r.paired.toFixed(2)}x | ${ms(r.budget)} | <= ${CRYPTO_TARGET}x | ${r.result} |`,
    ),
  ].join('\n');
  const markdown = `${CRYPTO_START}
## Encryption at rest: an encrypted journal against the same unencrypted

Date: ${new Date().toISOString()} (this section: ${took.toFixed(0)} s${cryptoOnly ? ', run alone with `--crypto-only`' : ', in the whole bench'});
load average (1 min) at its start ${load.toFixed(2)}, at its end ${os.loadavg()[0].toFixed(2)}.
The journal: ${CRYPTO_ENTRIES.toLocaleString('en-US')} entries from bench/generate.mjs (seed ${DEFAULT_SEED}), ${(plainBytes / 1e6).toFixed(1)} MB plain,
${(sealedBytes / 1e6).toFixed(1)} MB encrypted (${envelope.cipher}, key from ${envelope.kdf.name} N=${envelope.kdf.N}, r=${envelope.kdf.r}, p=${envelope.kdf.p}).

${table}

Target (issue 7): the difference is the key derivation and the cipher, "about 100 ms plus no more than
1.3x". ratio after the KDF = (encrypted median - KDF median) / plain median, the figure the target
applies to; equivalently the difference should stay within the budget, KDF + 0.3 x plain. paired =
median over rounds of (encrypted - KDF) / plain within the same round.

Method:
- \`node bin/attach.js --file <journal> log "${WHAT}" -i 5 --no-input\` and
  \`node bin/attach.js --file <journal> report --json --no-input\`, one journal plain and one encrypted,
  side by side in the bench's sandbox, from the same snapshot of the build as above. Every process of
  this section gets one identical environment (the one above plus ATTACH_PASSPHRASE, which the plain
  side never reads); stdin is not a terminal.
- The encrypted journal is the generated one after one \`attach encrypt\` (through ATTACH_PASSPHRASE).
  Before every sample, either journal is copied back from its source (the encrypted one from that same
  envelope: same salt, so each run derives its key once, as a real run does) and fsynced, file and
  folder, outside the timed part; a left-over lock is removed.
- One untimed warm-up per side makes today's backup (the encrypted side already has it from
  \`attach encrypt\`); it checks that both sides left ${CRYPTO_ENTRIES + 1} entries (\`attach doctor --json\` with the
  passphrase), that the encrypted journal is still an envelope, and that both give the same
  \`report --json\`. A timed log must grow its journal.
- The KDF: one \`scryptSync\` with the envelope's parameters in the bench process, once per round,
  interleaved with the four runs (the order rotates every round).
- Not asserted anywhere: a miss is reported, not failed.
${CRYPTO_END}
`;
  return { table, markdown };
}

/** RESULTS.md with its encryption part replaced (or added before the pause part, else at the end), the rest byte for byte as it was. */
function withCryptoSection(text, markdown) {
  const from = text.indexOf(CRYPTO_START);
  const to = text.indexOf(CRYPTO_END);
  if (from >= 0 && to > from) return text.slice(0, from) + markdown + text.slice(to + CRYPTO_END.length).replace(/^\n/, '');
  const pauseAt = text.indexOf(PAUSE_START);
  if (pauseAt >= 0) return `${text.slice(0, pauseAt)}${markdown}\n${text.slice(pauseAt)}`;
  return `${text.replace(/\n*$/, '')}\n\n${markdown}`;
}

const encryption = cryptoSection();
const pause = await pauseSection();

// ---- report ------------------------------------------------------------------

const header =
  '| measure | samples | attach median (IQR) ms | baseline | baseline median (IQR) ms | ratio | paired ratio | target | result |';
const rule = '|---|---:|---:|---|---:|---:|---:|---:|---|';
const table = [
  header,
  rule,
  ...rows.map(
    (r) =>
      `| ${r.measure} | ${r.samples} | ${ms(r.side)} (${r.sideSpread}) | ${r.baseline} | ${ms(r.base)} (${r.baseSpread}) | ` +
      `**${r.ratio.toFixed(2)}x** | ${r.paired.toFixed(2)}x | ${r.target === null ? '—' : `<= ${r.target}x`} | ${r.result} |`,
  ),
].join('\n');

const cpus = os.cpus();
const machine = [
  `- Node ${process.version} on ${os.type()} ${os.release()} (${process.arch})`,
  `- ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
  `- NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set in this shell, removed' : 'not set, and removed anyway'} ` +
    'for every process measured, both sides alike',
  `- temp folder: ${os.tmpdir()}`,
  `- load average (1 min) at start ${loadBefore.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}`,
].join('\n');

const sizeList = sizes.map((s) => `${s.entries.toLocaleString('en-US')} entries = ${(s.bytes / 1e6).toFixed(1)} MB`).join(', ');
// Section 4: the recurring-pattern evaluation (bench/patterns-eval.mjs), the same in every run (seeded).
const { run: runPatterns } = await import('./patterns-eval.mjs');
const patterns = await runPatterns({ write: false, out: () => {} });
process.stdout.write(`\n${patterns.table}\n`);

// Section 6: the reading commands (report, list --search, export csv) on 100k entries (bench/commands.mjs).
const { measureCommands } = await import('./commands.mjs');
const reading = await measureCommands({ bin: BIN, env, samples: quick ? 3 : 7, log: (text) => process.stderr.write(`${text}\n`) });
process.stdout.write(`\n${reading.table}\n`);

// Sections 7 to 9: the standalone benches of issues 13, 16 and 17, run as they are run alone, each a process of its
// own (they build their own journals), with the same environment rule: no NODE_EXTRA_CA_CERTS on either side.
function standalone(script, args) {
  const clean = { ...process.env };
  delete clean.NODE_EXTRA_CA_CERTS;
  const result = spawnSync(NODE, [path.join(HERE, script), ...args], { env: clean, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) return `${script} failed (exit ${result.status}): ${(result.stderr || '').trim().split('\n').at(-1)}`;
  return result.stdout.trim();
}
// Section 10: the evaluation of `attach progress` (bench/progress-eval.mjs, seeded; PROGRESS-EVAL.md holds its discussion).
const { run: runProgress } = await import('./progress-eval.mjs');
const progressEval = await runProgress({ write: !quick, out: () => {} });
process.stdout.write(`\n${progressEval.markdown}\n`);

const htmlPage = standalone('html.mjs', ['--samples', quick ? '3' : '7']);
process.stdout.write(`\n${htmlPage}\n`);
const mergeRun = standalone('merge.mjs', quick ? ['--quick'] : []);
process.stdout.write(`\n${mergeRun}\n`);
const writers = standalone('loaded-writers.mjs', []);
process.stdout.write(`\n${writers}\n`);

const total = (performance.now() - started) / 1000;
const report = `# Benchmark results

Rewritten by \`npm run bench\` (bench/run.mjs).
Only the ratios mean something; absolute times are this machine's.

Date: ${new Date().toISOString()} (whole bench: ${total.toFixed(0)} s)

## Machine
${machine}

## Results
${table}

ratio = attach median / baseline median (the figure the target applies to). paired ratio = median
over rounds of attach / baseline within the same round, a cross-check that is less sensitive to
other load on the machine. IQR = 25th–75th percentile.

## Method
- Every sample is a new process started with \`spawnSync\` and timed from spawn to exit (wall
  clock), all with \`${path.basename(NODE)}\` = ${NODE}. attach runs from a copy of the build made at the
  start (bin/, dist/, prompts/, package.json in a temp folder), so a rebuild meanwhile cannot
  disturb it. Both sides of a row run in the same rounds, alternating which
  goes first, with one identical environment: this shell's, with HOME, XDG_DATA_HOME and
  XDG_CONFIG_HOME in a temp folder and ATTACH_FILE, ATTACH_PASSPHRASE, FORCE_COLOR, NODE_ENV and
  NODE_EXTRA_CA_CERTS removed, NO_COLOR=1. NODE_EXTRA_CA_CERTS adds about 30 ms to every node start
  on these machines, to both sides alike, which hides the ratio: no process of this bench, attach or
  baseline, runs with it. stdin is not a terminal, stdout and stderr are pipes.
- Start-up: \`node -e 0\`, \`node bin/attach.js --version\`, \`node bin/attach.js --help\`, one untimed
  warm-up each, then ${STARTUP_SAMPLES} rounds.
- Logging: \`node bin/attach.js log "${WHAT}" -i 5 --no-input\` writing the default journal
  (\`$XDG_DATA_HOME/attach/journal.json\`, no --file) against \`node bench/floor.mjs <same file>\`: read,
  JSON.parse, push one entry, one compact JSON.stringify of the whole journal (cheaper than the
  journal's one-entry-per-line layout, which stringifies each entry apart), write a temp file,
  fsync, rename. Journals from bench/generate.mjs (seed ${DEFAULT_SEED}; about 85% triggers,
  10% pauses, 5% reflections): ${sizeList}.
- Each sample starts from the same journal size: the generated file is copied back over the
  journal and fsynced (file and folder) before every run, outside the timed part.
- One untimed warm-up of each side per size: attach's first write of a local day copies the
  journal to backups/journal-YYYY-MM-DD.json, so the timed runs measure the steady state (the
  second and later writes of a day); a timed run never includes that backup (checked before
  each sample). The warm-up also checks that both sides left exactly one more entry.
- Not asserted anywhere: a miss is reported, not failed.

${encryption.markdown}
${pause.markdown}

${patterns.markdown}

${reading.markdown}

## The report as a page on 100k entries (bench/html.mjs)

\`attach report --format html\` over a 100k-entry journal's whole history against the read-and-parse
floor (bench/read-floor.mjs), whole processes interleaved; and in one process, the page renderer's
own share beside the analysis. Target (issue 16): at most 2.5x.

${htmlPage}

## Merging two 20k-entry journals (bench/merge.mjs)

\`attach merge\` of a journal and a Syncthing conflict copy of it, each with its own adds, edits and
deletes, against reading and parsing both files. Target (issue 17): at most 3x.

${mergeRun}

## Twenty writers on a busy machine (bench/loaded-writers.mjs)

Twenty \`attach log\` started at once on a 20k-entry journal while CPU-bound processes keep every core
busy (issue 13): every writer exits 0, every moment is listed at once, and all are in the journal file
after the next write. Absolute figures: there is nothing to hold them against.

${writers}

${progressEval.markdown.replace(/^<!--.*-->$/gm, '').trim()}

The discussion of these figures, the best possible test beside the method, and what was tried: bench/PROGRESS-EVAL.md.`;

// A --quick run has too few samples to stand as the record.
if (!quick) writeResults(path.join(HERE, 'RESULTS.md'), report);
process.stdout.write(
  `\n${table}\n\n${encryption.table}\n\n${pause.table}\n\nwhole bench: ${total.toFixed(0)} s; ${quick ? 'bench/RESULTS.md left as it was (--quick)' : 'written to bench/RESULTS.md'}\n`,
);
