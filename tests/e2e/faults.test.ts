import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { serializeJournal } from '../../src/journal/format.js';
import type { Journal } from '../../src/journal/types.js';
import { attach, attachAsync, BIN, CLI_NODE, type Result, ROOT, type Sandbox, sandbox } from '../helpers/cli.js';
import { AT, journalOf, trigger } from '../helpers/entries.js';
import { leftovers, STACK_LINE } from '../helpers/hostile.js';
import { unwrap } from '../helpers/unwrap.js';

/*
 * Issue 7, faults: the disk says no. A read-only journal, a read-only
 * folder, a full disk, a rename that fails, a journal that can't be read, a
 * lock left by a process that was killed. Each must be a clear exit 3 (one
 * calm line naming the journal, no stack), the journal exactly as it was,
 * and no temp file left beside it.
 *
 * CI runs as root, where chmod stops nothing, so most faults are injected:
 * tests/helpers/faults.mjs is preloaded (NODE_OPTIONS=--import) and makes the
 * chosen fs.promises call fail with the chosen errno, for paths under the
 * sandbox only, and notes each fault it injects so the test can see it
 * really happened. Where the machine allows, the same is also shown for
 * real: as an ordinary user (real permission bits) and on a 64 KB tmpfs
 * (a really full disk).
 */

const FAULTS = pathToFileURL(path.join(ROOT, 'tests', 'helpers', 'faults.mjs')).href;
const PASS = 'correct horse battery';

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) {
    // A test that failed halfway may leave folders read-only for the owner; make them removable.
    spawnSync('chmod', ['-R', 'u+rwX', box.dir]);
    box.cleanup();
  }
});

/** A sandbox removed after the test (tests that run concurrently remove their own instead). */
function newBox(removeAfterEach = true): Sandbox {
  const box = sandbox();
  if (removeAfterEach) boxes.push(box);
  return box;
}

/** A sandbox for a test that runs alongside others, removed when that test has finished. */
function ownBox(onTestFinished: TestContext['onTestFinished']): Sandbox {
  const box = sandbox();
  onTestFinished(() => {
    spawnSync('chmod', ['-R', 'u+rwX', box.dir]);
    box.cleanup();
  });
  return box;
}

const entry = (what: string) => trigger({ id: randomUUID(), recordedAt: AT, what, intensity: 5 });

/** A journal of three entries; with `backedUp`, today's backup exists already, so a write goes straight to the journal. */
function seed(box: Sandbox, backedUp: boolean): Buffer {
  const text = serializeJournal(journalOf(entry('one'), entry('two'), entry('three')));
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(box.journal, text, { mode: 0o600 });
  if (backedUp) {
    // The sandbox runs in UTC (TZ=UTC): today's backup is named for the UTC date.
    const backups = path.join(path.dirname(box.journal), 'backups');
    mkdirSync(backups, { mode: 0o700 });
    copyFileSync(box.journal, path.join(backups, `journal-${new Date().toISOString().slice(0, 10)}.json`));
  }
  return readFileSync(box.journal);
}

interface Fault {
  spec: string;
  /** Only paths under this one fail (default: the journal's folder). */
  root?: string;
}

function faultEnv(box: Sandbox, fault: Fault): NodeJS.ProcessEnv {
  return {
    NODE_OPTIONS: `--import=${FAULTS}`,
    ATTACH_FAULT: fault.spec,
    ATTACH_FAULT_ROOT: fault.root ?? path.dirname(box.journal),
    ATTACH_FAULT_LOG: path.join(box.dir, 'faults.log'),
  };
}

/** The faults the preload injected, as "op path" lines. */
function injected(box: Sandbox): string[] {
  const log = path.join(box.dir, 'faults.log');
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((text) => text && !text.startsWith('armed '))
    : [];
}

/**
 * Exit 3, one calm line on stderr that names the journal, nothing on stdout,
 * no stack. `said` lines may come first: what a command says while it works
 * (a pause's "Pausing for 3 seconds").
 */
function expectCalmRefusal(r: Result, box: Sandbox, reason?: RegExp, said = 0): void {
  expect(r.code, r.stderr).toBe(3);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/bug/i);
  const lines = r.stderr.trim().split('\n').slice(said);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toContain(box.journal);
  if (reason) expect(lines[0]).toMatch(reason);
  expect(r.stdout).toBe('');
}

/** The journal byte for byte as it was, its mode too, and no temp file or lock left anywhere in the sandbox. */
function expectUntouched(box: Sandbox, before: Buffer, mode = 0o600): void {
  expect(readFileSync(box.journal).equals(before), 'the journal changed').toBe(true);
  expect(statSync(box.journal).mode & 0o777).toBe(mode);
  expect(leftovers(box.dir)).toEqual([]);
}

describe('injected faults (the preload works)', () => {
  it('patches the fs.promises calls the bundled CLI makes, and only under the sandbox', () => {
    const box = newBox();
    const before = seed(box, true);
    // The same fault, rooted elsewhere, changes nothing: the run succeeds.
    const elsewhere = attach(
      box,
      ['log', 'fine', '-i', '3'],
      faultEnv(box, { spec: 'rename:EIO,write:EIO,open-write:EIO,mkdir:EIO,readFile:EIO', root: path.join(box.dir, 'elsewhere') }),
    );
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(injected(box)).toEqual([]);
    expect(readFileSync(box.journal).equals(before)).toBe(false);
    // Rooted at the journal's folder, it fires, and the log says where.
    const after = readFileSync(box.journal);
    const r = attach(box, ['log', 'stopped', '-i', '3'], faultEnv(box, { spec: 'rename:EIO' }));
    expectCalmRefusal(r, box, /the disk reported an error/);
    expect(injected(box)).toEqual([`rename ${box.journal}`]);
    expectUntouched(box, after);
  });
});

/*
 * From the locks to the read-only journal, every test runs alongside the others (each in a sandbox of its own, every
 * command started asynchronously): the two lock tests spend most of their 10 s waiting, and the rest fits in that
 * time. The locks come first, so they start at once.
 */

// ---------------------------------------------------------------- locks

function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  return new Promise((resolve) => {
    const tick = () => {
      if (check()) resolve(true);
      else if (Date.now() > until) resolve(false);
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/** Starts `attach log` that takes the lock and then hangs in its rename, with the temp file written. */
async function stuckWriter(box: Sandbox, what: string) {
  const child = spawn(CLI_NODE, [BIN, 'log', what, '-i', '5'], {
    env: { ...box.env, ...faultEnv(box, { spec: 'rename:HANG' }) },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stuck = await waitFor(() => injected(box).some((text) => text.startsWith('rename ')), 10_000);
  expect(stuck, 'the writer never reached its rename').toBe(true);
  expect(existsSync(`${box.journal}.lock`)).toBe(true);
  return { child, exited };
}

describe.concurrent('a lock left behind', () => {
  it.concurrent('by a process killed mid-write is taken over once stale: the next write succeeds within 10 s and cleans up', async () => {
    const box = newBox(false);
    try {
      const before = seed(box, true);
      const { child, exited } = await stuckWriter(box, 'killed');
      child.kill('SIGKILL');
      await exited;
      const dir = path.dirname(box.journal);
      expect(
        readdirSync(dir).filter((name) => name.endsWith('.tmp')),
        'the killed writer should have left its temp file',
      ).toHaveLength(1);
      expect(readFileSync(box.journal).equals(before)).toBe(true);

      const started = Date.now();
      const r = await attachAsync(box, ['log', 'after the crash', '-i', '3']);
      const took = Date.now() - started;
      expect(r.code, r.stderr).toBe(0);
      // Stale 5 s after the dead writer's last refresh; the store waits up to 10 s (plus a start-up, on a busy machine).
      expect(took).toBeLessThan(12_000);
      const whats = (JSON.parse(readFileSync(box.journal, 'utf8')) as Journal).entries.map((e) => e.what);
      expect(whats).toEqual(['one', 'two', 'three', 'after the crash']);
      expect(leftovers(box.dir)).toEqual([]);
    } finally {
      box.cleanup();
    }
  });

  it.concurrent('by a process that still holds it: the moment is kept beside the journal at once, exit 0 after about 10 s', async () => {
    const box = newBox(false);
    const before = seed(box, true);
    const { child, exited } = await stuckWriter(box, 'holding');
    const dir = path.dirname(box.journal);
    try {
      const started = Date.now();
      const r = await attachAsync(box, ['log', 'waiting', '-i', '3']);
      const took = Date.now() - started;
      // Issue 13: the holder is alive (it refreshes the lock), so this writer never gives up on it; its moment is
      // safe beside the journal, so after a while it stops waiting and says so.
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/kept beside it/);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(took).toBeGreaterThan(9_000);
      expect(took).toBeLessThan(25_000);
      expect(readFileSync(box.journal).equals(before)).toBe(true);
      const waiting = readdirSync(dir).filter((name) => /^journal\.pending-.*\.json$/.test(name));
      expect(waiting).toHaveLength(1);
      expect((JSON.parse(readFileSync(path.join(dir, waiting[0]!), 'utf8')) as Journal).entries.map((e) => e.what)).toEqual(['waiting']);
      expect(
        readdirSync(dir).filter((name) => name.endsWith('.tmp')),
        'the waiting writer left a temp file',
      ).toHaveLength(1);
      const listed = await attachAsync(box, ['list', '--json']);
      expect((JSON.parse(listed.stdout) as Journal['entries']).map((e) => e.what)).toContain('waiting');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    try {
      // The holder gone, the next write takes the waiting moment in.
      const next = await attachAsync(box, ['log', 'next', '-i', '2']);
      expect(next.code, next.stderr).toBe(0);
      const whats = (JSON.parse(readFileSync(box.journal, 'utf8')) as Journal).entries.map((e) => e.what);
      expect(whats).toEqual(['one', 'two', 'three', 'waiting', 'next']);
      expect(readdirSync(dir).filter((name) => name.includes('.pending-'))).toEqual([]);
    } finally {
      box.cleanup();
    }
  });
});

// Each fault once on the first write of the day (the backup copy meets it first) and once with the backup made
// (the journal's own write meets it).
const faults: [name: string, spec: string, reason: RegExp][] = [
  ['a read-only disk (EROFS on every write)', 'open-write:EROFS,mkdir:EROFS,rename:EROFS', /the disk is read-only/],
  [
    'a read-only folder (EACCES: no lock, no temp file, no rename)',
    'mkdir:EACCES,open-write:EACCES,rename:EACCES',
    /not allowed to read or write there/,
  ],
  ['a folder where new files are not allowed (EACCES creating the temp file)', 'open-write:EACCES', /not allowed to read or write there/],
  ['a full disk (ENOSPC while writing)', 'write:ENOSPC', /the disk is full/],
  ['a quota used up (EDQUOT while writing)', 'write:EDQUOT', /quota/],
  ['a disk error while syncing (EIO on fsync)', 'sync:EIO', /the disk reported an error/],
  ['a rename that fails (EACCES)', 'rename:EACCES', /not allowed to read or write there/],
  ['a rename that fails (EPERM)', 'rename:EPERM', /not allowed to read or write there/],
  ['a rename that fails (EIO)', 'rename:EIO', /the disk reported an error/],
];

describe.concurrent.each([
  ['with today’s backup already made', true],
  ['on the first write of the day', false],
] as const)('attach log, %s', (_when, backedUp) => {
  it.for(faults)('%s: exit 3, the journal as it was, no temp file', async ([_name, spec, reason], { onTestFinished }) => {
    const box = ownBox(onTestFinished);
    const before = seed(box, backedUp);
    const r = await attachAsync(box, ['log', 'lost?', '-i', '4'], faultEnv(box, { spec }));
    expectCalmRefusal(r, box, reason);
    expect(injected(box).length, 'the fault never fired').toBeGreaterThan(0);
    expectUntouched(box, before);
  });
});

describe.concurrent('other writers meet the same faults', () => {
  const writers: [string, (box: Sandbox) => string[], number][] = [
    ['reflect', () => ['reflect', '-p', 'withdrawing', '--need', 'closeness'], 0],
    // "Pausing for 3 seconds…" and "Time's up." come before the save.
    ['pause', () => ['pause', '--minutes', '0.05', '--before', '6', '--no-bell'], 2],
    ['edit', (box) => ['edit', idOf(box), '--intensity', '2'], 0],
    ['delete --yes', (box) => ['delete', idOf(box), '--yes'], 0],
    ['import', (box) => ['import', importFile(box)], 0],
    ['encrypt', () => ['encrypt'], 0],
  ];
  it.for(writers)('%s on a full disk: exit 3, the journal as it was', async ([_name, args, said], { onTestFinished }) => {
    const box = ownBox(onTestFinished);
    const before = seed(box, true);
    const r = await attachAsync(box, args(box), { ...faultEnv(box, { spec: 'write:ENOSPC' }), ATTACH_PASSPHRASE: PASS });
    expectCalmRefusal(r, box, /the disk is full/, said);
    expectUntouched(box, before);
  });

  it('an encrypted journal on a full disk, and with a failing rename: exit 3, the envelope as it was', async ({ onTestFinished }) => {
    const box = ownBox(onTestFinished);
    seed(box, true);
    const encrypt = await attachAsync(box, ['encrypt'], { ATTACH_PASSPHRASE: PASS });
    expect(encrypt.code, encrypt.stderr).toBe(0);
    const before = readFileSync(box.journal);
    expect(before.toString()).toContain('attach.encrypted');
    for (const spec of ['write:ENOSPC', 'rename:EACCES']) {
      const r = await attachAsync(box, ['log', 'lost?', '-i', '4'], { ...faultEnv(box, { spec }), ATTACH_PASSPHRASE: PASS });
      expectCalmRefusal(r, box);
      expectUntouched(box, before);
    }
  });
});

function idOf(box: Sandbox): string {
  return String((JSON.parse(readFileSync(box.journal, 'utf8')) as Journal).entries[0]?.id).slice(0, 8);
}

function importFile(box: Sandbox): string {
  const file = path.join(box.dir, 'incoming.json');
  writeFileSync(file, serializeJournal(journalOf(entry('from the laptop'))));
  return file;
}

describe.concurrent('a journal the process cannot read', () => {
  it.for([
    ['EACCES', /not allowed to read or write there/],
    ['EIO', /the disk reported an error/],
  ] as const)('readFile %s: list, show, report and log are exit 3, and nothing is written', async ([errno, reason], { onTestFinished }) => {
    const box = ownBox(onTestFinished);
    const before = seed(box, false);
    const env = faultEnv(box, { spec: `readFile:${errno}`, root: box.journal });
    for (const args of [['list'], ['show', idOf(box)], ['report'], ['export'], ['log', 'lost?', '-i', '4']]) {
      const r = await attachAsync(box, args, env);
      expectCalmRefusal(r, box, reason);
    }
    expect(injected(box).length).toBeGreaterThanOrEqual(5);
    expectUntouched(box, before);
    expect(existsSync(path.join(path.dirname(box.journal), 'backups')), 'a backup was made of a journal that could not be read').toBe(
      false,
    );
  });
});

describe.concurrent('a read-only journal (chmod 444)', () => {
  it('is refused with exit 3 rather than replaced, and keeps its mode', async ({ onTestFinished }) => {
    // Real permission bits: a rename over a read-only file succeeds on Linux, so
    // attach must notice the mode itself (root would not be stopped either).
    const box = ownBox(onTestFinished);
    const before = seed(box, true);
    chmodSync(box.journal, 0o444);
    const r = await attachAsync(box, ['log', 'lost?', '-i', '4']);
    expectCalmRefusal(r, box);
    expectUntouched(box, before, 0o444);
  });
});

// ---------------------------------------------------------------- for real, where the machine allows

const NOBODY = 65_534;
/** Root, and an ordinary user who can run the CLI: real permission bits can then be tested. */
const canDropPrivileges = (() => {
  if (process.getuid?.() !== 0) return false;
  const r = spawnSync(CLI_NODE, [BIN, '--version'], {
    uid: NOBODY,
    gid: NOBODY,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  return r.status === 0;
})();

function asNobody(box: Sandbox, args: string[]): Result {
  const r = spawnSync(CLI_NODE, [BIN, ...args], {
    uid: NOBODY,
    gid: NOBODY,
    env: box.env,
    input: '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: unwrap(r.stderr) };
}

describe.skipIf(!canDropPrivileges)('real permission bits, as an ordinary user', () => {
  function ownedByNobody(backedUp: boolean) {
    const box = newBox();
    const before = seed(box, backedUp);
    execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, box.dir]);
    return { box, before };
  }

  it('a read-only folder (chmod 500): exit 3, the journal as it was', () => {
    const { box, before } = ownedByNobody(true);
    chmodSync(path.dirname(box.journal), 0o500);
    const r = asNobody(box, ['log', 'lost?', '-i', '4']);
    chmodSync(path.dirname(box.journal), 0o700);
    expectCalmRefusal(r, box, /not allowed/);
    expectUntouched(box, before);
  });

  it('an unreadable journal (chmod 000): list and log are exit 3, the journal as it was', () => {
    const { box, before } = ownedByNobody(false);
    chmodSync(box.journal, 0o000);
    for (const args of [['list'], ['log', 'lost?', '-i', '4']]) expectCalmRefusal(asNobody(box, args), box, /not allowed/);
    expectUntouched(box, before, 0o000);
  });

  it('a read-only journal (chmod 400): exit 3 rather than replaced', () => {
    const { box, before } = ownedByNobody(true);
    chmodSync(box.journal, 0o400);
    expectCalmRefusal(asNobody(box, ['log', 'lost?', '-i', '4']), box);
    expectUntouched(box, before, 0o400);
  });
});

/** Whether this machine lets us mount a tmpfs (root, and a kernel and container that allow it). */
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = sandbox();
  const at = path.join(probe.dir, 'probe');
  mkdirSync(at);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', at], { stdio: 'ignore' });
    execFileSync('umount', [at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    probe.cleanup();
  }
})();

describe.skipIf(!canMount)('a really full disk (a 64 KB tmpfs)', () => {
  it.each([
    ['with today’s backup already made', true],
    ['on the first write of the day', false],
  ] as const)('%s: exit 3, the journal as it was, no temp file, and nothing left mounted', (_when, backedUp) => {
    const box = newBox();
    const disk = path.join(box.dir, 'disk');
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', disk]);
    try {
      const journal = path.join(disk, 'journal.json');
      const entries = Array.from({ length: 40 }, (_, i) => entry(`filling the disk, entry ${i}`));
      writeFileSync(journal, serializeJournal(journalOf(...entries)), { mode: 0o600 });
      if (backedUp) {
        mkdirSync(path.join(disk, 'backups'), { mode: 0o700 });
        copyFileSync(journal, path.join(disk, 'backups', `journal-${new Date().toISOString().slice(0, 10)}.json`));
      }
      // Fill what is left, a page at a time, until the disk says no.
      const filler = path.join(disk, 'filler');
      writeFileSync(filler, '');
      try {
        for (;;) writeFileSync(filler, Buffer.alloc(4096, 1), { flag: 'a' });
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      const before = readFileSync(journal);
      const r = attach(box, ['log', 'no room', '-i', '4'], { ATTACH_FILE: journal });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(journal);
      expect(r.stderr).toMatch(/the disk is full/);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(readFileSync(journal).equals(before)).toBe(true);
      expect(leftovers(disk)).toEqual([]);
      // Reading still works on a full disk.
      const list = attach(box, ['list', '--json'], { ATTACH_FILE: journal });
      expect(list.code, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(40);
    } finally {
      execFileSync('umount', [disk]);
    }
    expect(readFileSync('/proc/mounts', 'utf8')).not.toContain(disk);
    expect(lstatSync(disk).isDirectory()).toBe(true);
  });
});
