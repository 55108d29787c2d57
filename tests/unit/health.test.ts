import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/journal/config.js';
import { type KdfParams, newSealer, seal } from '../../src/journal/crypto.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { fileSystemReason } from '../../src/journal/fs-errors.js';
import { checkHealth, type Health, type HealthInput } from '../../src/journal/health.js';
import { newerEnvelope, newerFormat, newerProblem, newerWriter } from '../../src/journal/newer.js';
import { describeHealth, renderFindings } from '../../src/render/doctor.js';

/*
 * What `attach doctor` examines, with the environment and the clock it is
 * given (never the machine's), and the words it finds for it.
 */

const root = mkdtempSync(path.join(os.tmpdir(), 'attach-health-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A home of its own: XDG folders inside a temp dir, and the journal where attach keeps it by default. */
function home(text?: string): { input: HealthInput; file: string } {
  const dir = path.join(root, `home-${++n}`);
  const env = { HOME: path.join(dir, 'home'), XDG_DATA_HOME: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'config') };
  const file = path.join(dir, 'data', 'attach', 'journal.json');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(file), 0o700);
  if (text !== undefined) writeFileSync(file, text, { mode: 0o600 });
  return { file, input: { file, env, now: new Date('2026-11-22T21:30:00Z'), settings: () => readSettings(env) } };
}

const at = new Date('2026-11-01T08:00:00Z');
const TEXT = serializeJournal({ version: 1, entries: [newTrigger({ what: 'no reply', intensity: 6 }, at)] });
const FAST: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
const PASS = 'correct horse battery staple';

describe('checkHealth', () => {
  it('measures the age of a lock by the clock it is given', async () => {
    const { input, file } = home(TEXT);
    const lock = `${file}.lock`;
    mkdirSync(lock);
    const touched = new Date('2026-11-22T18:30:00Z');
    utimesSync(lock, touched, touched);

    const later = await checkHealth({ ...input, now: new Date(touched.getTime() + 3 * 3600_000) });
    expect(later.lock).toEqual({ path: lock, present: true, ageSeconds: 10_800, stale: true });
    expect(describeHealth(later).warnings[0]?.message).toBe(`A lock left by an attach that stopped is still there (3 hours old): ${lock}`);

    // Refreshed 2 s before "now": another attach writing, within the lock's own stale time.
    const fresh = await checkHealth({ ...input, now: new Date(touched.getTime() + 2_000) });
    expect(fresh.lock).toMatchObject({ ageSeconds: 2, stale: false });
    expect(renderFindings(describeHealth(fresh))).toContain('          held right now by another attach');
  });

  it('looks inside an encrypted journal only with the passphrase of the environment it is given', async () => {
    const { input } = home(seal(TEXT, await newSealer(PASS, FAST)));
    const outside = await checkHealth(input);
    expect(outside.journal).toMatchObject({ valid: null, trouble: null, entries: null });
    expect(outside.journal.encrypted).toBe('AES-256-GCM, key from scrypt (N=1024, r=8, p=1)');

    const inside = await checkHealth({ ...input, env: { ...input.env, ATTACH_PASSPHRASE: PASS } });
    expect(inside.journal).toMatchObject({ valid: true, version: 1, entries: { total: 1, trigger: 1 } });

    const wrong = await checkHealth({ ...input, env: { ...input.env, ATTACH_PASSPHRASE: 'not the passphrase' } });
    expect(wrong.journal).toMatchObject({ valid: false, trouble: { kind: 'passphrase' } });
    expect(describeHealth(wrong).next).toBe('Check ATTACH_PASSPHRASE; the file was not changed.');
  });

  it('says an envelope of a newer format is newer, not damaged, without the passphrase', async () => {
    const { input } = home(seal(TEXT, await newSealer(PASS, FAST)).replace('"version": 1', '"version": 2'));
    const health = await checkHealth(input);
    expect(health.journal.trouble).toEqual({ kind: 'newer', problem: 'it is encrypted in a newer format (2)' });
    expect(describeHealth(health).next).toContain('Update attach to the newest version');
  });

  it('finds the settings where the environment says, and keeps why they cannot be used', async () => {
    const { input } = home(TEXT);
    const settings = path.join(input.env.XDG_CONFIG_HOME as string, 'attach', 'config.json');
    mkdirSync(path.dirname(settings), { recursive: true });
    writeFileSync(settings, '{ not json');
    const broken = await checkHealth(input);
    expect(broken.settings).toEqual({
      path: settings,
      exists: true,
      valid: false,
      problem: expect.stringContaining(`Your settings at ${settings} can't be read (they are not valid JSON)`),
    });
    // A bug is not a finding.
    await expect(checkHealth({ ...input, settings: () => Promise.reject(new TypeError('a bug')) })).rejects.toThrow('a bug');
  });

  it("calls the folder attach's own when it is where the environment puts the journal", async () => {
    const { input, file } = home(TEXT);
    chmodSync(path.dirname(file), 0o755);
    const own = await checkHealth(input);
    expect(own.folder).toEqual({ path: path.dirname(file), mode: 0o755, own: true });
    expect(describeHealth(own).warnings[0]?.fix).toBe(`To keep it yours only: chmod 700 ${path.dirname(file)}`);

    const elsewhere = path.join(root, `notes-${n}`, 'journal.json');
    mkdirSync(path.dirname(elsewhere), { mode: 0o755 });
    chmodSync(path.dirname(elsewhere), 0o755);
    writeFileSync(elsewhere, TEXT, { mode: 0o600 });
    const theirs = await checkHealth({ ...input, file: elsewhere });
    expect(theirs.folder.own).toBe(false);
    expect(describeHealth(theirs).warnings[0]?.fix).toMatch(/^If that folder is only for attach/);
  });
});

describe('describeHealth', () => {
  const health: Health = {
    journal: {
      path: '/home/sam/journal.json',
      linkTarget: null,
      exists: true,
      size: 2048,
      mode: 0o600,
      version: 1,
      entries: null,
      valid: false,
      trouble: { kind: 'damaged', problem: 'it ends in the middle, as if cut short', newer: null },
      recoverable: 7,
      encrypted: null,
    },
    folder: { path: '/home/sam', mode: 0o700, own: false },
    settings: { path: "/home/sam/it's config.json", exists: true, valid: false, problem: 'Your settings are not valid JSON.' },
    backups: { path: '/home/sam/backups', count: 0, newest: null, newestValid: null },
    lock: { path: '/home/sam/journal.json.lock', present: false, ageSeconds: null, stale: false },
    leftoverTempFiles: [],
    brokenCopies: [],
    syncCopies: [],
    waiting: [],
    plainBeside: [],
  };

  it('puts the journal first, then the settings, each with its step, a path quoted for the shell', () => {
    const findings = describeHealth(health);
    expect(findings.healthy).toBe(false);
    expect(findings.journal).toMatchObject({ mode: '0600', problem: 'it ends in the middle, as if cut short', recoverable: 7 });
    expect(findings.problems.map((p) => p.message)).toEqual([
      "Your journal at /home/sam/journal.json can't be used: it ends in the middle, as if cut short.",
      'Your settings are not valid JSON.',
    ]);
    expect(findings.next).toMatch(/^Run attach doctor --repair/);
    expect(findings.problems[1]?.next).toBe(
      `To start again from the defaults and keep the old file: mv '/home/sam/it'\\''s config.json' '/home/sam/it'\\''s config.json.old'`,
    );
    const lines = renderFindings(findings);
    expect(lines).toContain('          2.0 KB, format 1, mode 0600');
    expect(lines.slice(-2)).toEqual([
      'Something needs care before attach can use your journal and your settings; the',
      'next steps are below.',
    ]);
    expect(renderFindings(findings, 120).at(-1)).toBe(
      'Something needs care before attach can use your journal and your settings; the next steps are below.',
    );
  });

  it('adds the newer verdict to a damaged journal whose version can still be read', () => {
    const newer = newerFormat(3);
    const findings = describeHealth({
      ...health,
      journal: { ...health.journal, trouble: { kind: 'damaged', problem: 'it is empty', newer } },
    });
    expect(findings.journal.problem).toBe('it is empty, and it was written by a newer attach (format 3)');
    expect(findings.next).toBe('Update attach to the newest version before anything else; a repair here could misread it.');
  });
});

describe('the words the store and doctor share', () => {
  it('names file-system errors from one table', () => {
    const error = (code: string, message = `${code}: something`) => Object.assign(new Error(message), { code });
    expect(fileSystemReason(error('ENOSPC'))).toBe('the disk is full');
    expect(fileSystemReason(error('EPERM'))).toBe('attach is not allowed to read or write there');
    expect(fileSystemReason(error('ENOTDIR'))).toBe('part of that path is a file, not a folder');
    expect(fileSystemReason(error('ENOTFILE'))).toBe('that path is not a regular file (a pipe or a device?)');
    expect(fileSystemReason(error('EWHATEVER', 'EWHATEVER: odd, open'))).toBe('the system said: EWHATEVER: odd, open');
  });

  it('gives one verdict on a newer format, in the words each place uses', () => {
    for (const notNewer of [1, 0, '2', 1.5, null, undefined, Number.NaN]) expect(newerFormat(notNewer)).toBeNull();
    const newer = newerFormat(2);
    expect(newer).toEqual({ version: 2, reads: 1 });
    if (!newer) return;
    expect(newerProblem(newer)).toBe('it was written in format 2, newer than this attach reads (1)');
    expect(newerWriter(newer)).toBe('it was written by a newer attach (format 2)');
    expect(newerEnvelope(newer)).toBe('encrypted in a newer format (2)');
  });
});
