import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { attach, type Result, type Sandbox, sandboxes } from '../helpers/cli.js';
import { openEnvelope } from '../helpers/envelope-open.mjs';
import { Terminal } from '../helpers/pty.js';
import { squashed } from '../helpers/unwrap.js';

/*
 * Issue 13, encryption: `attach encrypt` seals every file attach wrote
 * beside the journal (backups, damaged copies kept by a repair, entries
 * waiting to be folded in), or refuses and names the one it can't;
 * `attach doctor` names a plain-text one beside an encrypted journal; and
 * `attach passphrase` seals everything again with a new salt, after which
 * the old passphrase opens nothing. Files are opened with the decryptor
 * written from docs/envelope.md alone.
 */

const OLD = 'correct horse battery staple';
const NEW = 'a different horse, a different staple';
const MARKER = 'zebraquokka';

const newBox = sandboxes(afterAll);

const ok = (r: Result, what = '') => expect(r.code, `${what}\n${r.stderr}`).toBe(0);
const dirOf = (box: Sandbox) => path.dirname(box.journal);

function entries(...whats: string[]): Entry[] {
  return whats.map((what, i) => newTrigger({ what, intensity: 5 }, new Date(Date.UTC(2026, 10, 10 + i, 20))));
}

/** A plain journal with a backup of an earlier day (named as attach 0.1 named them). */
function seed(box: Sandbox): void {
  mkdirSync(path.join(dirOf(box), 'backups'), { recursive: true, mode: 0o700 });
  const text = serializeJournal({ version: 1, entries: entries(`${MARKER} one`, `${MARKER} two`, 'three') });
  writeFileSync(box.journal, text, { mode: 0o600 });
  writeFileSync(path.join(dirOf(box), 'backups', 'journal-2026-11-20.json'), text, { mode: 0o600 });
}

/** Every file under the data folder, but the lock. */
function files(box: Sandbox): string[] {
  return readdirSync(dirOf(box), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

function snapshot(box: Sandbox): Record<string, string> {
  return Object.fromEntries(files(box).map((file) => [file, readFileSync(file).toString('base64')]));
}

/** Damages the journal and repairs it, so a copy of the damage is kept beside it. */
function repairDamage(box: Sandbox, env: NodeJS.ProcessEnv = {}): { copy: string; bytes: Buffer } {
  truncateSync(box.journal, Math.floor(statSync(box.journal).size * 0.6));
  const bytes = readFileSync(box.journal);
  ok(attach(box, ['doctor', '--repair', '--yes'], env), 'doctor --repair');
  const copy = files(box).find((file) => path.basename(file).includes('.broken-'))!;
  expect(readFileSync(copy).equals(bytes)).toBe(true);
  return { copy, bytes };
}

describe('attach encrypt seals every file beside the journal', () => {
  it('a damaged copy kept by a repair is sealed too, and comes back byte for byte on decrypt', async () => {
    const box = newBox();
    seed(box);
    const { copy, bytes } = repairDamage(box);
    const r = attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD });
    ok(r, 'encrypt');
    expect(r.stderr).toMatch(/Your journal is encrypted now, and its \d+ backups? and 1 kept copy\./);
    for (const file of files(box)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(MARKER);
      expect(await openEnvelope(text, OLD), file).not.toBeNull();
    }
    expect((await openEnvelope(readFileSync(copy, 'utf8'), OLD))?.equals(bytes)).toBe(true);
    const doctor = attach(box, ['doctor']);
    ok(doctor, 'doctor');
    expect(doctor.stdout).not.toMatch(/is not:/);

    const decrypted = attach(box, ['decrypt'], { ATTACH_PASSPHRASE: OLD });
    ok(decrypted, 'decrypt');
    expect(decrypted.stderr).toMatch(/and neither are its \d+ backups? and 1 kept copy\./);
    expect(readFileSync(copy).equals(bytes)).toBe(true);
  });

  it('doctor names a plain file beside an encrypted journal, and encrypt seals it', async () => {
    const box = newBox();
    seed(box);
    ok(attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD }), 'encrypt');
    // Plain files of attach's beside it: a backup copied back in, and an entry kept while the journal was busy.
    const backup = path.join(dirOf(box), 'backups', 'journal-2026-11-01.json');
    const waiting = path.join(dirOf(box), 'journal.pending-20261122-213000-4242-abcdef01.json');
    writeFileSync(backup, serializeJournal({ version: 1, entries: entries(`${MARKER} in a backup`) }), { mode: 0o600 });
    writeFileSync(waiting, serializeJournal({ version: 1, entries: entries(`${MARKER} waiting`) }), { mode: 0o600 });

    const doctor = attach(box, ['doctor']);
    ok(doctor, 'doctor (warnings only)');
    // doctor breaks its lines for 80 columns (a long path after a /): read without the breaks.
    expect(squashed(doctor.stdout)).toContain(squashed(`a file attach keeps beside it is not: ${backup}`));
    expect(squashed(doctor.stdout)).toContain(squashed(`a file attach keeps beside it is not: ${waiting}`));
    expect(doctor.stdout).toContain('attach encrypt seals it');
    expect(JSON.parse(attach(box, ['doctor', '--json']).stdout).plainBeside).toEqual([backup, waiting]);

    const again = attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD });
    ok(again, 'encrypt again');
    // Said as it was: the backup beside it was plain until now (the waiting entry went into the journal).
    expect(again.stderr).toContain('Your journal is already encrypted. 1 file beside it was not, and is now.');
    for (const file of files(box)) expect(readFileSync(file, 'utf8'), file).not.toContain(MARKER);
    expect(attach(box, ['doctor']).stdout).not.toMatch(/is not:/);
    // The waiting entry was taken into the journal on the way.
    expect(existsSync(waiting)).toBe(false);
    const list = attach(box, ['list', '--json'], { ATTACH_PASSPHRASE: OLD });
    expect((JSON.parse(list.stdout) as Entry[]).map((entry) => entry.what)).toContain(`${MARKER} waiting`);
  });

  it("a sync tool's copy that attach merge kept in merged/ is sealed too", async () => {
    const box = newBox();
    seed(box);
    const copy = path.join(dirOf(box), 'journal.sync-conflict-20261122-101500-ABCDEF7.json');
    writeFileSync(copy, serializeJournal({ version: 1, entries: entries(`${MARKER} from the laptop`) }), { mode: 0o600 });
    ok(attach(box, ['merge']), 'merge');
    const kept = path.join(dirOf(box), 'merged', path.basename(copy));
    expect(readFileSync(kept, 'utf8')).toContain(MARKER);
    ok(attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD }), 'encrypt');
    for (const file of files(box)) expect(readFileSync(file, 'utf8'), file).not.toContain(MARKER);
    expect((await openEnvelope(readFileSync(kept, 'utf8'), OLD))?.toString('utf8')).toContain(`${MARKER} from the laptop`);
  });

  it('merge into an encrypted journal keeps a plain copy from another device sealed in merged/, nothing plain left', async () => {
    const box = newBox();
    seed(box);
    ok(attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD }), 'encrypt');
    const copy = path.join(dirOf(box), 'journal.sync-conflict-20261122-101500-ABCDEF7.json');
    writeFileSync(copy, serializeJournal({ version: 1, entries: entries(`${MARKER} from the laptop`) }), { mode: 0o600 });
    ok(attach(box, ['merge'], { ATTACH_PASSPHRASE: OLD }), 'merge');
    const kept = path.join(dirOf(box), 'merged', path.basename(copy));
    for (const file of files(box)) expect(readFileSync(file, 'utf8'), file).not.toContain(MARKER);
    expect((await openEnvelope(readFileSync(kept, 'utf8'), OLD))?.toString('utf8')).toContain(`${MARKER} from the laptop`);
    expect(attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD }).stderr).toContain(
      'Your journal is already encrypted, and so is everything attach keeps beside it.',
    );
  });

  it('refuses, naming it, when a file beside the journal can not be replaced, and changes nothing', () => {
    const box = newBox();
    seed(box);
    const { copy } = repairDamage(box);
    chmodSync(copy, 0o400);
    const before = snapshot(box);
    const r = attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD });
    expect(r.code).toBe(3);
    expect(squashed(r.stderr)).toContain(squashed(`${copy} (read-only)`));
    expect(r.stderr).toContain('nothing was changed');
    expect(snapshot(box)).toEqual(before);
  });
});

describe('attach passphrase', () => {
  /** Encrypted with OLD, a backup, a damaged (encrypted) copy kept by a repair, and one more entry. */
  function encryptedHome(): Sandbox {
    const box = newBox();
    seed(box);
    ok(attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD }), 'encrypt');
    repairDamage(box, { ATTACH_PASSPHRASE: OLD });
    ok(attach(box, ['log', `${MARKER} after`, '-i', '4'], { ATTACH_PASSPHRASE: OLD }), 'log');
    return box;
  }

  it('seals everything again with a new salt: the old passphrase opens nothing, the new one everything', async () => {
    const box = encryptedHome();
    const salt = (JSON.parse(readFileSync(box.journal, 'utf8')) as { salt: string }).salt;
    const copy = files(box).find((file) => path.basename(file).includes('.broken-'))!;
    const copyBefore = readFileSync(copy);
    const r = attach(box, ['passphrase'], { ATTACH_PASSPHRASE: OLD, ATTACH_NEW_PASSPHRASE: NEW });
    ok(r, 'passphrase');
    expect(r.stderr).toMatch(/Your journal has a new passphrase now, and so do its \d+ backups? and 1 kept copy\. /);
    expect((JSON.parse(readFileSync(box.journal, 'utf8')) as { salt: string }).salt).not.toBe(salt);
    expect(files(box).length).toBeGreaterThanOrEqual(3);
    for (const file of files(box)) {
      const text = readFileSync(file, 'utf8');
      expect(await openEnvelope(text, OLD), `${file} still opens with the old passphrase`).toBeNull();
      expect(await openEnvelope(text, NEW), `${file} does not open with the new one`).not.toBeNull();
    }
    // The kept copy (a damaged envelope of the old key) is inside, exactly as it was.
    expect((await openEnvelope(readFileSync(copy, 'utf8'), NEW))?.equals(copyBefore)).toBe(true);
    expect(attach(box, ['list'], { ATTACH_PASSPHRASE: OLD }).code).toBe(3);
    const list = attach(box, ['list', '--json'], { ATTACH_PASSPHRASE: NEW });
    ok(list, 'list with the new passphrase');
    expect((JSON.parse(list.stdout) as Journal['entries']).map((entry) => entry.what)).toContain(`${MARKER} after`);
  });

  it.each([
    ['no ATTACH_NEW_PASSPHRASE and no terminal', { ATTACH_PASSPHRASE: OLD }, 2, /ATTACH_NEW_PASSPHRASE/],
    ['a wrong current passphrase', { ATTACH_PASSPHRASE: 'not it at all', ATTACH_NEW_PASSPHRASE: NEW }, 3, /doesn't open/],
    ['a new passphrase too short', { ATTACH_PASSPHRASE: OLD, ATTACH_NEW_PASSPHRASE: 'short' }, 2, /at least 8 characters/],
  ])('%s: exit %s, nothing changed', (_name, env, code, said) => {
    const box = encryptedHome();
    const before = snapshot(box);
    const r = attach(box, ['passphrase'], env);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(said);
    expect(snapshot(box)).toEqual(before);
  });

  it('a journal that is not encrypted: exit 2, pointing to attach encrypt', () => {
    const box = newBox();
    seed(box);
    const r = attach(box, ['passphrase'], { ATTACH_PASSPHRASE: OLD, ATTACH_NEW_PASSPHRASE: NEW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('attach encrypt');
  });
});

describe('attach passphrase on a terminal', () => {
  const terminals: Terminal[] = [];
  afterEach(() => {
    for (const term of terminals.splice(0)) term.kill();
  });

  it('asks the current passphrase (again with the reason after a wrong one), then the new one twice, all hidden', async () => {
    const box = newBox();
    seed(box);
    ok(attach(box, ['encrypt'], { ATTACH_PASSPHRASE: OLD }), 'encrypt');
    const term = new Terminal(box, ['passphrase']);
    terminals.push(term);
    await term.waitFor('Passphrase for your journal:', 30_000);
    term.type('wombat is wrong', '\r');
    await term.waitFor("That passphrase doesn't open your journal (2 more tries). Passphrase:", 30_000);
    term.type(OLD, '\r');
    await term.waitFor('Choose a new passphrase:', 30_000);
    term.type('hunter2 sesame', '\r');
    await term.waitFor('The same passphrase again:');
    term.type('hunter2 sesame', '\r');
    await term.waitFor('Your journal has a new passphrase now', 30_000);
    expect((await term.exit()).exitCode).toBe(0);
    expect(term.raw).not.toContain('wombat');
    expect(term.raw).not.toContain('hunter2');
    expect(await openEnvelope(readFileSync(box.journal, 'utf8'), 'hunter2 sesame')).not.toBeNull();
    expect(await openEnvelope(readFileSync(box.journal, 'utf8'), OLD)).toBeNull();
  });
});
