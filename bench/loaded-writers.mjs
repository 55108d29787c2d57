#!/usr/bin/env node
/*
 * Issue 13, "No entry turned away under load": 20 `attach log` started at
 * once on a 20k-entry journal while CPU-bound processes keep every core busy.
 * Every writer must exit 0, every moment must be listed at once (in the
 * journal, or kept beside it while the journal was busy), and all 20 must
 * be in the journal file after the next write. Absolute figures (there is no
 * baseline to hold them against): how many, and how long the writers took.
 *
 *   npm run build && node bench/loaded-writers.mjs [--writers N] [--busy N]
 *
 * Prints a Markdown table; writes nothing but its own temp folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeJournal } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.ATTACH_BIN ?? path.join(HERE, '..', 'bin', 'attach.js');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const WRITERS = option('--writers', 20);
const BUSY = option('--busy', Math.max(2, os.cpus().length * 2));
const COUNT = 20_000;

const sandbox = mkdtempSync(path.join(os.tmpdir(), 'attach-bench-writers-'));
const busy = [];
process.on('exit', () => {
  for (const child of busy) child.kill('SIGKILL');
  rmSync(sandbox, { recursive: true, force: true });
});
const env = { ...process.env };
for (const name of ['NODE_EXTRA_CA_CERTS', 'ATTACH_FILE', 'ATTACH_PASSPHRASE', 'NODE_ENV', 'FORCE_COLOR']) delete env[name];
Object.assign(env, {
  HOME: path.join(sandbox, 'home'),
  XDG_DATA_HOME: path.join(sandbox, 'data'),
  XDG_CONFIG_HOME: path.join(sandbox, 'config'),
  XDG_STATE_HOME: path.join(sandbox, 'state'),
  NO_COLOR: '1',
});
const journal = path.join(sandbox, 'data', 'attach', 'journal.json');
writeJournal(journal, { count: COUNT });
const attach = (...argv) => spawnSync(process.execPath, [BIN, ...argv], { env, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
// Today's backup first, so the writers measure a day's later writes.
if (attach('log', 'warm-up', '-i', '1', '--no-input').status !== 0) throw new Error('the warm-up log failed');

for (let i = 0; i < BUSY; i++) busy.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
await new Promise((resolve) => setTimeout(resolve, 500));

const started = performance.now();
const runs = await Promise.all(
  Array.from(
    { length: WRITERS },
    (_, i) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, 'log', `loaded writer ${i}`, '-i', '5', '--no-input'], { env, stdio: 'ignore' });
        child.on('exit', (code) => resolve({ code, seconds: (performance.now() - started) / 1000 }));
      }),
  ),
);
const keptBeside = readdirSync(path.dirname(journal)).filter((name) => name.includes('.pending-')).length;
const listed = JSON.parse(attach('list', '--json', '--search', 'loaded writer', '--limit', String(WRITERS * 2)).stdout).length;
for (const child of busy) child.kill('SIGKILL');
if (attach('log', 'the next write', '-i', '1', '--no-input').status !== 0) throw new Error('the next write failed');
const inFile = JSON.parse(readFileSync(journal, 'utf8')).entries.filter((e) => String(e.what).startsWith('loaded writer ')).length;

const ok = runs.filter((run) => run.code === 0).length;
const times = runs.map((run) => run.seconds).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const pass = ok === WRITERS && listed === WRITERS && inFile === WRITERS;
console.log(
  `${WRITERS} writers at once on ${COUNT.toLocaleString('en-US')} entries, ${BUSY} CPU-bound processes on ${os.cpus().length} cores ` +
    `(Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)} at the end).\n`,
);
console.log(
  '| writers | exit 0 | listed at once | still kept beside when the last finished | in the file after the next write | median s | slowest s | result |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
console.log(
  `| ${WRITERS} | ${ok} | ${listed} | ${keptBeside} | ${inFile} | ${median.toFixed(1)} | ${times.at(-1).toFixed(1)} | ${pass ? 'pass' : 'MISS'} |`,
);
process.exit(0);
