#!/usr/bin/env node
/*
 * CPU cost of a running `attach pause`: the timer waits most of the time and
 * should cost next to nothing (target: under 2% of one core while it runs).
 *
 *   node bench/pause-cpu.mjs [--seconds 60]      on the build in dist/ (npx tsup first)
 *
 * or from bench/run.mjs (`npm run bench`, or `node bench/run.mjs --pause-only`),
 * which runs it on its snapshot of the build and records it in bench/RESULTS.md.
 *
 * Four processes run side by side for the same wall time, so they share the
 * machine's conditions:
 *   - `attach pause --plain --minutes 1 --before 5` without a terminal (a line a minute);
 *   - `attach pause --minutes 1 --before 5 --urge x --for none` in a pseudo-terminal
 *     (node-pty, 80x24, TERM=xterm-256color, colours on): the live timer, redrawn in
 *     place; nothing is typed until the time is up, then Ctrl-C at the first after-question;
 *   - `sleep 60`: the bare baseline of the issue;
 *   - `node -e "setTimeout(() => {}, 60000)"`: the floor of any Node program that waits.
 *
 * How CPU time is measured, two ways:
 *   - total: each process runs as the child of `bash -c '"$@"; times > file'`. Bash's
 *     `times` prints the user and system time of its waited-for children, which the
 *     kernel reports in the rusage of wait4(): exact to the millisecond, covering the
 *     whole life of the process (start-up, questions, timer, saving, exit, all threads),
 *     and unaffected by when anyone looks. It needs nothing but bash (no /usr/bin/time,
 *     no native addon), and the wrapper's own CPU is not in it.
 *   - while the timer runs: utime + stime of that child from /proc/<pid>/stat (clock
 *     ticks, all threads), read when the timer is seen to start and again shortly before
 *     the time is up; the window leaves out Node's start-up and the save at the end, so it
 *     is the figure the target applies to. The child's pid is read from
 *     /proc/<bash>/task/<bash>/children. Linux only; elsewhere only the total is given.
 * CPU % is CPU seconds / wall seconds x 100: the share of one core.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PAUSE_CPU_TARGET = 2; // % of one core while the timer runs

const WRAPPER = 'out=$1; shift; "$@"; status=$?; times > "$out"; exit $status';
const ENTER_SCREEN = '\u001b[?1049h';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function clockTicks() {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const value = Number(result.stdout?.trim());
  return Number.isFinite(value) && value > 0 ? value : 100;
}

/** "0m0.143s" -> 0.143 */
function bashSeconds(text) {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  if (!match) throw new Error(`unexpected \`times\` output: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The children line of `times`: user and system seconds of the measured process. */
function readTimes(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const [user, sys] = (lines[1] ?? '').trim().split(/\s+/).map(bashSeconds);
  return { user, sys };
}

/** utime + stime in seconds from /proc/<pid>/stat, or null once it is gone. */
function procCpu(pid, ticks) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks; // fields 14 and 15 of the whole line
  } catch {
    return null;
  }
}

/** The pid of the wrapper's one child, once it has started. */
async function childOf(pid, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
      if (first) return Number(first);
    } catch {
      return null; // no /proc (not Linux) or no children file
    }
    if (Date.now() > deadline) return null;
    await sleep(5);
  }
}

async function waitUntil(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * One measured process. `start` launches the wrapper and returns
 * { pid, output(), done: Promise<{ code }>, onTimerEnd?() }; `timerStarted(output)`
 * says when the timer (or, for a baseline, the waiting) has begun.
 */
async function measure({ name, command, seconds, ticks, dir, start, timerStarted, expectOutput }) {
  const timesFile = path.join(dir, `${name.replace(/\W+/g, '-')}.times`);
  const began = performance.now();
  const run = start(timesFile);
  const child = await childOf(run.pid);

  // The window: from the timer seen running (+0.5 s to settle) to 1.5 s before the time is up.
  await waitUntil(() => timerStarted(run.output()), 20_000, `${name} to start`);
  const timerAt = performance.now();
  await sleep(500);
  const window = { from: performance.now(), cpuFrom: child === null ? null : procCpu(child, ticks) };
  const until = timerAt + seconds * 1000 - 1500;
  await sleep(Math.max(0, until - performance.now()));
  const cpuTo = child === null ? null : procCpu(child, ticks);
  const windowWall = (performance.now() - window.from) / 1000;

  await run.afterWindow?.();
  const { code } = await run.done;
  const wall = (performance.now() - began) / 1000;
  if (expectOutput && !expectOutput.test(run.output())) {
    throw new Error(`${name} did not show ${expectOutput} (exit ${code}):\n${run.output().slice(-2000)}`);
  }
  const { user, sys } = readTimes(timesFile);
  const windowCpu = window.cpuFrom === null || cpuTo === null ? null : cpuTo - window.cpuFrom;
  return {
    name,
    command,
    code,
    wall,
    user,
    sys,
    cpu: user + sys,
    percent: ((user + sys) / wall) * 100,
    windowWall,
    windowCpu,
    windowPercent: windowCpu === null ? null : (windowCpu / windowWall) * 100,
  };
}

/** A wrapped process with pipes and no terminal. */
function piped(node, args, env, cwd) {
  return (timesFile) => {
    const proc = spawn('bash', ['-c', WRAPPER, 'bash', timesFile, node, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk) => (output += chunk));
    proc.stderr.on('data', (chunk) => (output += chunk));
    const done = new Promise((resolve, reject) => {
      proc.on('error', reject);
      proc.on('close', (code) => resolve({ code }));
    });
    return { pid: proc.pid, output: () => output, done };
  };
}

/**
 * Measures the four processes for `seconds` of wall time each (run side by side).
 * `bin` is bin/attach.js of the build to measure; `env` the environment for every
 * process (HOME and the XDG folders pointing somewhere disposable).
 */
export async function measurePauseCpu({ bin, node = process.execPath, env, cwd, seconds = 60, log = () => {} }) {
  const { default: pty } = await import('node-pty');
  const ticks = clockTicks();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-pause-cpu-'));
  const minutes = String(seconds / 60);
  try {
    const journal = (name) => ['--file', path.join(dir, `${name}.json`)];
    const common = { seconds, ticks, dir };
    const plainArgs = [bin, 'pause', '--plain', '--minutes', minutes, '--before', '5', ...journal('plain')];
    const liveArgs = [bin, 'pause', '--minutes', minutes, '--before', '5', '--urge', 'x', '--for', 'none', ...journal('live')];

    const plain = measure({
      ...common,
      name: 'plain',
      command: `\`attach pause --plain --minutes ${minutes} --before 5\`, no terminal`,
      start: piped(node, plainArgs, env, cwd),
      timerStarted: (output) => output.includes('Pausing for'),
      expectOutput: /Time's up\.[\s\S]*Saved to your journal/,
    });

    const live = measure({
      ...common,
      name: 'live',
      command: `\`attach pause --minutes ${minutes} --before 5 --urge x --for none\` in a pty (80x24, colour)`,
      start: (timesFile) => {
        const ptyEnv = { ...env, TERM: 'xterm-256color' };
        delete ptyEnv.NO_COLOR; // a person's terminal: colours on
        const term = pty.spawn('bash', ['-c', WRAPPER, 'bash', timesFile, node, ...liveArgs], {
          name: 'xterm-256color',
          cols: 80,
          rows: 24,
          cwd,
          env: ptyEnv,
        });
        let output = '';
        term.onData((data) => (output += data));
        const done = new Promise((resolve) => term.onExit(({ exitCode }) => resolve({ code: exitCode })));
        return {
          pid: term.pid,
          output: () => output,
          done,
          // Time's up: Ctrl-C at the first after-question (the pause is saved, exit 130).
          afterWindow: async () => {
            await waitUntil(() => output.includes('How strong is the urge now?'), 20_000, 'the after question');
            term.write('\x03');
          },
        };
      },
      timerStarted: (output) => output.includes(ENTER_SCREEN) && /left of \d\d:\d\d/.test(output),
      expectOutput: /Your pause was saved without the last answers/,
    });

    const sleepRun = measure({
      ...common,
      name: 'sleep',
      command: `\`sleep ${seconds}\``,
      start: (timesFile) => {
        const proc = spawn('bash', ['-c', WRAPPER, 'bash', timesFile, 'sleep', String(seconds)], { env, cwd, stdio: 'ignore' });
        const done = new Promise((resolve, reject) => {
          proc.on('error', reject);
          proc.on('close', (code) => resolve({ code }));
        });
        return { pid: proc.pid, output: () => '', done };
      },
      timerStarted: () => true,
    });

    const idle = measure({
      ...common,
      name: 'node-idle',
      command: `\`node -e "setTimeout(() => {}, ${seconds * 1000})"\``,
      start: (timesFile) => {
        const run = piped(node, ['-e', `process.stdout.write('waiting\\n'); setTimeout(() => {}, ${seconds * 1000})`], env, cwd)(timesFile);
        return run;
      },
      timerStarted: (output) => output.includes('waiting'),
    });

    log(`pause CPU: 4 processes side by side for ${seconds} s (plain, live in a pty, sleep, idle node)`);
    const rows = await Promise.all([plain, live, sleepRun, idle]);
    for (const row of rows) {
      log(
        `  ${row.name}: ${row.cpu.toFixed(3)} s CPU over ${row.wall.toFixed(1)} s = ${row.percent.toFixed(2)}%` +
          (row.windowPercent === null
            ? ''
            : `; while waiting ${row.windowCpu.toFixed(2)} s over ${row.windowWall.toFixed(1)} s = ${row.windowPercent.toFixed(2)}%`),
      );
    }
    return { rows, seconds, ticks, target: PAUSE_CPU_TARGET };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (value) => (value === null ? '—' : `${value.toFixed(2)}%`);

/** The markdown table of a measurePauseCpu() result. */
export function pauseTable({ rows, target }) {
  const verdict = (row) => {
    if (row.name !== 'plain' && row.name !== 'live') return '—';
    const figure = row.windowPercent ?? row.percent;
    return figure < target ? 'pass' : 'MISS';
  };
  return [
    '| process | wall s | CPU s total (user + sys) | CPU % total | CPU s while the timer runs | window s | CPU % while the timer runs | target | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.command} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(3)} (${r.user.toFixed(3)} + ${r.sys.toFixed(3)}) | ${pct(r.percent)} | ` +
        `${r.windowCpu === null ? '—' : r.windowCpu.toFixed(2)} | ${r.windowWall.toFixed(1)} | **${pct(r.windowPercent)}** | ` +
        `${r.name === 'plain' || r.name === 'live' ? `< ${target}%` : '—'} | ${verdict(r)} |`,
    ),
  ].join('\n');
}

// ---- standalone: node bench/pause-cpu.mjs [--seconds N] ---------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const bin = path.join(root, 'bin', 'attach.js');
  if (!existsSync(path.join(root, 'dist', 'cli.js'))) {
    process.stderr.write('dist/cli.js is missing: run `npx tsup` first.\n');
    process.exit(1);
  }
  const at = process.argv.indexOf('--seconds');
  const seconds = at > 0 ? Number(process.argv[at + 1]) : 60;
  const home = mkdtempSync(path.join(os.tmpdir(), 'attach-pause-cpu-home-'));
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    NO_COLOR: '1',
  };
  for (const name of ['ATTACH_FILE', 'FORCE_COLOR', 'NODE_ENV', 'NODE_EXTRA_CA_CERTS']) delete env[name];
  try {
    const result = await measurePauseCpu({ bin, env, cwd: home, seconds, log: (text) => process.stderr.write(`${text}\n`) });
    process.stdout.write(`\n${pauseTable(result)}\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
