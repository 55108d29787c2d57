import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Envelope, Keyring, readEnvelope } from '../../src/journal/crypto.js';
import { newPause, newReflection, newTrigger } from '../../src/journal/entries.js';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { attach, attachAsync, BIN, CLI_NODE, type Result, type Sandbox, sandboxes } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

/*
 * Encryption at rest (issue 7), through the built CLI without a terminal,
 * the passphrase given in ATTACH_PASSPHRASE (and, at the end, typed into a
 * pseudo-terminal). Every command must work the same on an encrypted journal
 * as on a plain one with the same entries, and while the journal is
 * encrypted no file attach leaves on the disk may hold a word of it.
 */

const PASS = 'correct horse battery staple';
const WITH = { ATTACH_PASSPHRASE: PASS };

/** One keyring for the whole file: it keeps each salt's key, so the tests derive a key once per journal. */
const ring = new Keyring(async () => PASS);

function isEnvelope(file: string): boolean {
  return readEnvelope(readFileSync(file, 'utf8'), file) !== null;
}

/** The journal inside an encrypted file (which must be an envelope). */
async function opened(file: string, keyring = ring): Promise<Journal> {
  const text = readFileSync(file, 'utf8');
  expect(readEnvelope(text, file), `${file} should be encrypted`).not.toBeNull();
  return parseJournal(await keyring.unseal(text, file), file);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

/** Every file under `dir`, byte for byte. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((file) => [path.relative(dir, file), readFileSync(file).toString('base64')]));
}

function backupsOf(box: Sandbox): string[] {
  return filesUnder(path.join(path.dirname(box.journal), 'backups')).filter((file) => file.endsWith('.json'));
}

/** Ids and times that differ between two runs of the same command. */
function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/\b[0-9a-f]{8}\b/g, 'ID')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)/g, 'TIME');
}

const ok = (r: Result, what = '') => expect(r.code, `${what}\n${r.stderr}`).toBe(0);

/** A calm message: no stack trace, no library words. */
function calm(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/Error:|ERR_|bad decrypt|Unsupported state/);
}

// ---- the entries both journals start from -------------------------------------------

/** Words that must never be found on the disk while the journal is encrypted. */
const MARKERS = ['zebraquokka', 'marmaladelighthouse', 'periwinkleanvil', 'saffrongondola', 'tangerinezeppelin'];

function fixture(): Journal {
  const entries: Entry[] = [];
  for (let w = 0; w < 8; w++) {
    const day = (offset: number) => new Date(Date.UTC(2026, 10, 22 - 7 * w + offset)).toISOString().slice(0, 10);
    if (w % 4 !== 1) {
      entries.push(
        newTrigger(
          {
            what: `quiet evening ${MARKERS[0]} ${w}`,
            who: 'partner',
            triggers: ['seems-distant'],
            intensity: 8,
            body: ['tight-chest'],
            urges: ['ask-reassurance'],
            protest: ['withdrawing'],
            thought: `they are leaving ${MARKERS[1]}`,
            at: `${day(0)}T19:40:00+05:30`,
          },
          new Date(`${day(0)}T14:11:00Z`),
        ),
      );
    }
    entries.push(
      newTrigger(
        {
          what: 'meeting',
          who: 'work',
          triggers: ['work-distant'],
          intensity: 3,
          at: `${day(-1 - (w % 5))}T${String(7 + w).padStart(2, '0')}:10:00+05:30`,
        },
        new Date(`${day(-1)}T04:30:00Z`),
      ),
    );
  }
  const first = entries[0]!;
  entries.push(
    newPause(
      {
        for: first.id,
        urge: `text again ${MARKERS[2]}`,
        plannedSeconds: 1200,
        elapsedSeconds: 1200,
        completed: true,
        before: 8,
        after: 3,
        passed: true,
        activities: [],
        notes: [],
        next: null,
      },
      new Date('2026-11-22T14:20:00Z'),
      new Date('2026-11-22T14:41:00Z'),
    ),
    newReflection(
      {
        for: first.id,
        protest: ['withdrawing'],
        situation: `they were out ${MARKERS[3]}`,
        needs: ['reassurance'],
        hoped: 'a call',
        happened: 'silence',
        felt: 'anxious',
        ask: `Could you text me ${MARKERS[4]}?`,
      },
      new Date('2026-11-22T15:00:00Z'),
    ),
  );
  return { version: 1, entries };
}

function seed(box: Sandbox, journal: Journal): void {
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(box.journal, serializeJournal(journal), { mode: 0o600 });
}

function encrypt(box: Sandbox, env: NodeJS.ProcessEnv = WITH): Result {
  const r = attach(box, ['encrypt'], env);
  ok(r, 'attach encrypt');
  expect(r.stderr).toContain('Your journal is encrypted now');
  expect(isEnvelope(box.journal)).toBe(true);
  return r;
}

const newBox = sandboxes(afterAll);

// ---- every command works the same ------------------------------------------------------

// Each test here runs a dozen commands twice (plain and sealed); the first sealed one of a salt derives its key with
// scrypt at OWASP's cost, the rest get it from the scrypt double: on a busy 2-core machine that can pass the default minute.
describe('every command works the same on an encrypted journal', { timeout: 180_000 }, () => {
  const journal = fixture();
  const trigger = journal.entries[0]!;
  const meeting = journal.entries[1]!;
  let plain: Sandbox;
  let sealed: Sandbox;
  const before: Record<string, string> = {};
  const REPORTS = [
    ['report', '--week', '2026-W47', '--json'],
    ['report', '--json'],
    ['report', '--to', '2026-11-22', '--lookback', '12', '--json'],
  ];

  beforeAll(() => {
    plain = newBox();
    sealed = newBox();
    seed(plain, journal);
    seed(sealed, journal);
    // The reports of these entries before the journal was encrypted.
    for (const args of REPORTS) {
      const r = attach(sealed, args);
      ok(r);
      before[args.join(' ')] = r.stdout;
    }
    const r = encrypt(sealed);
    expect(r.stderr).toContain('Keep the passphrase somewhere safe');
    expect(readFileSync(sealed.journal, 'utf8')).not.toContain(MARKERS[0]);
  });

  /** Runs the same command on both journals, the encrypted one with its passphrase. */
  async function both(args: string[]): Promise<{ plain: Result; sealed: Result }> {
    const [a, b] = await Promise.all([attachAsync(plain, args), attachAsync(sealed, args, WITH)]);
    return { plain: a, sealed: b };
  }

  it('report --json is byte for byte the report from before the encryption, for the same entries', async () => {
    for (const args of REPORTS) {
      const r = await attachAsync(sealed, args, WITH);
      ok(r, args.join(' '));
      expect(r.stdout, args.join(' ')).toBe(before[args.join(' ')]);
      expect(JSON.parse(r.stdout).schema).toBe('attach.report/1');
    }
    const week = JSON.parse(before['report --week 2026-W47 --json']!);
    expect(week.patterns[0]).toMatchObject({ weekday: 'sunday', daypart: 'evening', weeks: 6 });
  });

  it('the reading commands print exactly what they print for the plain journal', async () => {
    const commands = [
      ['list'],
      ['list', '--json'],
      ['list', '--search', MARKERS[0]!, '--type', 'trigger', '--limit', '3'],
      ['show', trigger.id.slice(0, 8)],
      ['show', trigger.id, '--json'],
      ['report', '--week', '2026-W47'],
      ['report', '--week', '2026-W47', '--format', 'md'],
      ['export'],
      ['export', '--format', 'csv'],
      ['export', '--format', 'md', '--from', '2026-11-01'],
      ['import', '--dry-run', path.join(plain.dir, 'nothing-here.json')],
    ];
    for (const args of commands) {
      const r = await both(args);
      expect(r.sealed.code, `${args.join(' ')}: ${r.sealed.stderr}`).toBe(r.plain.code);
      expect(r.sealed.stdout, args.join(' ')).toBe(r.plain.stdout);
      expect(r.sealed.stderr, args.join(' ')).toBe(r.plain.stderr);
    }
    expect(JSON.parse((await both(['list', '--json'])).sealed.stdout)).toHaveLength(journal.entries.length);
    expect((await both(['show', trigger.id.slice(0, 8)])).sealed.stdout).toContain(MARKERS[0]);
  });

  it('log, edit, reflect, pause and delete --yes change both journals the same way, and it stays encrypted', async () => {
    const steps: [string, string[]][] = [
      [
        'log',
        [
          'log',
          `sunday again ${MARKERS[1]}`,
          '-i',
          '7',
          '--who',
          'partner',
          '-t',
          'delayed-reply',
          '--thought',
          'not again',
          '--note',
          'n',
          '--at',
          '2026-11-22T21:00',
          '--json',
        ],
      ],
      ['edit', ['edit', meeting.id.slice(0, 8), '--intensity', '5', '--who', 'friend', '--tag', 'edited', '--json']],
      [
        'reflect',
        [
          'reflect',
          '--for',
          trigger.id.slice(0, 8),
          '-p',
          'excessive-contact',
          '--need',
          'reassurance',
          '--felt',
          'anxious',
          '--ask',
          `Can we talk ${MARKERS[4]}?`,
          '--json',
        ],
      ],
      ['pause', ['pause', '--minutes', '0.05', '--before', '5', '--for', 'none', '--json']],
      ['delete', ['delete', meeting.id.slice(0, 8), '--yes']],
    ];
    for (const [name, args] of steps) {
      const r = await both(args);
      ok(r.plain, `${name} (plain)`);
      ok(r.sealed, `${name} (encrypted)`);
      expect(normalise(r.sealed.stderr), name).toBe(normalise(r.plain.stderr));
      if (r.plain.stdout) {
        const strip = (text: string) => {
          const { id: _id, recordedAt: _r, editedAt: _e, at, ...rest } = JSON.parse(text) as Record<string, unknown>;
          // A pause or reflection begins now: its time differs by the moments between the two runs.
          return name === 'pause' || name === 'reflect' ? rest : { ...rest, at };
        };
        expect(strip(r.sealed.stdout), name).toEqual(strip(r.plain.stdout));
      }
      expect(isEnvelope(sealed.journal), `after ${name}`).toBe(true);
      expect(readFileSync(sealed.journal, 'utf8')).not.toContain(MARKERS[1]);
    }
    const a = parseJournal(readFileSync(plain.journal, 'utf8'), plain.journal);
    const b = await opened(sealed.journal);
    expect(b.entries).toHaveLength(a.entries.length);
    expect(b.entries).toHaveLength(journal.entries.length + 3 - 1);
    expect(b.entries.some((entry) => entry.id === meeting.id)).toBe(false);
    // Entry by entry the same, but for the new ids and the moments they were written.
    const shape = (j: Journal) => j.entries.map(({ id: _id, recordedAt: _r, editedAt: _e, at: _a, for: _f, ...rest }) => rest);
    expect(shape(b)).toEqual(shape(a));
    // The day's backup of the encrypted journal is encrypted too.
    for (const backup of backupsOf(sealed)) expect(isEnvelope(backup), backup).toBe(true);
  });

  it('export json gives plaintext that imports into another plain journal, and into another encrypted one', async () => {
    const out = path.join(sealed.dir, 'out', 'export.json');
    mkdirSync(path.dirname(out), { recursive: true });
    const r = await attachAsync(sealed, ['export', '-o', out], WITH);
    ok(r);
    const exported = parseJournal(readFileSync(out, 'utf8'), out);
    expect(readEnvelope(readFileSync(out, 'utf8'), out)).toBeNull();
    // The journal itself, but for the trash: the words of what was deleted stay out of an export.
    const { trash, ...whole } = await opened(sealed.journal);
    expect(exported).toEqual(whole);
    for (const item of trash ?? []) expect(readFileSync(out, 'utf8')).not.toContain(JSON.stringify(item.entry));
    expect(trash?.length).toBeGreaterThan(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const elsewhere = newBox();
    ok(await attachAsync(elsewhere, ['import', out]));
    expect(parseJournal(readFileSync(elsewhere.journal, 'utf8'), elsewhere.journal).entries).toEqual(exported.entries);

    // An encrypted journal with its own passphrase and one entry of its own takes them in, and stays sealed with its salt.
    const other = newBox();
    const otherPass = { ATTACH_PASSPHRASE: 'another passphrase, longer' };
    ok(attach(other, ['log', 'its own entry', '-i', '2']));
    encrypt(other, otherPass);
    const salt = (JSON.parse(readFileSync(other.journal, 'utf8')) as Envelope).salt;
    const dry = await attachAsync(other, ['import', out, '--dry-run'], otherPass);
    ok(dry);
    const imported = await attachAsync(other, ['import', out], otherPass);
    ok(imported);
    expect(imported.stderr).toMatch(new RegExp(`${exported.entries.length} (new )?entr`));
    expect((JSON.parse(readFileSync(other.journal, 'utf8')) as Envelope).salt).toBe(salt);
    const inside = await opened(other.journal, new Keyring(async () => otherPass.ATTACH_PASSPHRASE));
    expect(inside.entries).toHaveLength(exported.entries.length + 1);
    expect(readFileSync(other.journal, 'utf8')).not.toContain(MARKERS[0]);
    // Importing into it with the wrong passphrase: exit 3, nothing changed.
    const bytes = readFileSync(other.journal);
    const wrong = await attachAsync(other, ['import', out], WITH);
    expect(wrong.code).toBe(3);
    expect(readFileSync(other.journal).equals(bytes)).toBe(true);
  });

  it('doctor describes it without the passphrase, and checks inside with it', async () => {
    const without = await attachAsync(sealed, ['doctor']);
    ok(without);
    expect(without.stdout).toContain('encrypted: AES-256-GCM, key from scrypt (N=131072, r=8, p=1)');
    expect(without.stdout).toContain('not looked inside: set ATTACH_PASSPHRASE for doctor to check it');
    expect(without.stdout).not.toContain(MARKERS[0]);
    const json = JSON.parse((await attachAsync(sealed, ['doctor', '--json'])).stdout);
    expect(json.journal).toMatchObject({
      exists: true,
      encrypted: 'AES-256-GCM, key from scrypt (N=131072, r=8, p=1)',
      valid: null,
      entries: null,
    });

    const withIt = await attachAsync(sealed, ['doctor'], WITH);
    ok(withIt);
    const count = (await opened(sealed.journal)).entries.length;
    expect(withIt.stdout).toContain('encrypted: AES-256-GCM');
    expect(withIt.stdout).toContain('opens and passes every check');
    expect(withIt.stdout).toMatch(new RegExp(`${count} entries: `));
    expect(withIt.stdout).toContain('Your journal is healthy.');
    const checked = JSON.parse((await attachAsync(sealed, ['doctor', '--json'], WITH)).stdout);
    expect(checked.journal).toMatchObject({ valid: true, version: 1, entries: { total: count } });

    const bytes = snapshot(sealed.dir);
    const wrong = await attachAsync(sealed, ['doctor'], { ATTACH_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toContain('encrypted: AES-256-GCM');
    expect(wrong.stderr).toContain('Check ATTACH_PASSPHRASE');
    calm(wrong.stderr);
    expect(snapshot(sealed.dir)).toEqual(bytes);
  });
});

// ---- no plaintext on the disk ------------------------------------------------------------

describe('while encrypted, no plaintext ever reaches the disk', { timeout: 180_000 }, () => {
  /**
   * Starts `attach <args>` and SIGKILLs it as soon as a temp file of its
   * appears (beside the journal or in backups/) with something in it, so that
   * a half-written file is left on the disk for the scan.
   */
  async function killMidWrite(box: Sandbox, args: string[]): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
    const dirs = [path.dirname(box.journal), path.join(path.dirname(box.journal), 'backups')];
    const child = spawn(CLI_NODE, [BIN, ...args], { env: { ...box.env, ...WITH }, stdio: 'ignore' });
    let exit: { signal: NodeJS.Signals | null; code: number | null } | undefined;
    const exited = new Promise<void>((resolve) =>
      child.on('exit', (code, signal) => {
        exit = { code, signal };
        resolve();
      }),
    );
    const deadline = Date.now() + 20_000;
    while (!exit && Date.now() < deadline) {
      const found = dirs.some((dir) => {
        try {
          return readdirSync(dir).some((name) => name.endsWith('.tmp') && statSync(path.join(dir, name)).size > 0);
        } catch {
          return false;
        }
      });
      if (found) child.kill('SIGKILL');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await exited;
    return exit!;
  }

  it('after a series of writes, kills, a repair and a re-encryption, no file under the data folder holds a word of it', async () => {
    const box = newBox();
    const dir = path.dirname(box.journal);
    const backups = path.join(dir, 'backups');
    const outside = path.join(box.dir, 'outside');
    mkdirSync(outside);

    // A plain journal with yesterday's plain backup beside it: encryption must seal both.
    const journal = fixture();
    seed(box, journal);
    mkdirSync(backups, { mode: 0o700 });
    writeFileSync(path.join(backups, 'journal-2026-11-20.json'), serializeJournal({ version: 1, entries: journal.entries.slice(0, 3) }), {
      mode: 0o600,
    });
    encrypt(box);
    expect(backupsOf(box).length).toBe(2);
    for (const backup of backupsOf(box)) expect(isEnvelope(backup)).toBe(true);

    /** Every file anywhere in the sandbox but `outside/` (where the plain files to import live). */
    let scanned = 0;
    const seenKinds = new Set<string>();
    const scan = (when: string) => {
      for (const file of filesUnder(box.dir).filter((f) => !f.startsWith(outside))) {
        const bytes = readFileSync(file);
        const text = bytes.toString('utf8');
        for (const marker of MARKERS) expect(text.includes(marker), `${marker} found in ${file} (${when})`).toBe(false);
        // Nor as UTF-16 or base64 of the plain text: a plain copy in any form would show here.
        expect(bytes.toString('utf16le').includes(MARKERS[0]!), `${file} (${when})`).toBe(false);
        const name = path.basename(file);
        seenKinds.add(
          name.endsWith('.tmp')
            ? `temp${bytes.length > 0 ? '' : ' (empty)'}`
            : name.includes('.broken-')
              ? 'broken copy'
              : file.includes(`${path.sep}backups${path.sep}`)
                ? 'backup'
                : name,
        );
        scanned++;
      }
    };
    scan('after encrypt');

    // Entries with the marker words, by every command that writes.
    const trigger = journal.entries[0]!;
    const writes = [
      ['log', `again ${MARKERS[0]}`, '-i', '6', '--thought', MARKERS[1]!, '--note', MARKERS[2]!, '--instead', MARKERS[3]!],
      ['edit', trigger.id.slice(0, 8), '--note', `edited ${MARKERS[4]}`, '--what', `changed ${MARKERS[0]}`],
      ['reflect', '--for', trigger.id.slice(0, 8), '-p', 'withdrawing', '--situation', MARKERS[1]!, '--ask', MARKERS[2]!],
      ['pause', '--minutes', '0.05', '--before', '6', '--urge', `urge ${MARKERS[3]}`, '--for', 'none'],
      ['delete', journal.entries[1]!.id.slice(0, 8), '--yes'],
    ];
    for (const args of writes) {
      ok(await attachAsync(box, args, WITH), args.join(' '));
      scan(args[0]!);
    }

    // A plain file of 2000 entries imported: the journal grows to a size whose writes take long enough to be caught halfway.
    const filler = path.join(outside, 'filler.json');
    writeFileSync(
      filler,
      serializeJournal({
        version: 1,
        entries: Array.from({ length: 2000 }, (_, i) =>
          newTrigger(
            {
              what: `filler ${i} ${MARKERS[i % MARKERS.length]}`,
              intensity: i % 11,
              thought: 'a long enough thought to make the file bigger, and bigger',
              note: MARKERS[(i + 1) % MARKERS.length]!,
            },
            new Date('2026-11-01T10:00:00Z'),
          ),
        ),
      }),
    );
    ok(await attachAsync(box, ['import', filler], WITH));
    expect((await opened(box.journal)).entries.length).toBeGreaterThan(2000);
    scan('import');

    // Writers killed while their temp file is on the disk; every other attempt also the day's first write (the backup copy).
    const today = backupsOf(box).find((file) => !file.endsWith('journal-2026-11-20.json'))!;
    let tempsLeft = 0;
    for (let attempt = 0; attempt < 12 && tempsLeft < 3; attempt++) {
      if (attempt % 2 === 1) rmSync(today, { force: true });
      const run = await killMidWrite(box, ['log', `killed ${attempt} ${MARKERS[attempt % MARKERS.length]}`, '-i', '5']);
      const temps = [...filesUnder(dir)].filter((file) => file.endsWith('.tmp'));
      tempsLeft += temps.filter((file) => statSync(file).size > 0).length;
      scan(`kill ${attempt} (${run.signal ?? run.code})`);
      // A writer killed while holding the lock leaves its lock folder; nobody else runs here, so it is removed
      // at once instead of waiting the 5 s after which the next writer would take it over.
      if (run.signal === 'SIGKILL') rmSync(`${box.journal}.lock`, { recursive: true, force: true });
    }
    expect(tempsLeft, 'no writer was caught with a temp file on the disk').toBeGreaterThan(0);

    // The journal cut in the middle, then repaired: the damaged copy is kept beside it.
    const size = statSync(box.journal).size;
    truncateSync(box.journal, Math.floor(size / 2));
    const repaired = await attachAsync(box, ['doctor', '--repair', '--yes'], WITH);
    ok(repaired, 'doctor --repair');
    expect(isEnvelope(box.journal)).toBe(true);
    scan('repair');
    ok(await attachAsync(box, ['log', `after the repair ${MARKERS[4]}`, '-i', '3'], WITH));
    // Encrypt again: the backups are checked and sealed again.
    const again = await attachAsync(box, ['encrypt'], WITH);
    ok(again);
    expect(again.stderr).toContain('already encrypted');
    scan('final');

    expect([...seenKinds].sort()).toEqual(expect.arrayContaining(['backup', 'broken copy', 'journal.json', 'temp']));
    console.log(
      `scanned ${scanned} files (kinds: ${[...seenKinds].sort().join(', ')}); temp files caught with something in them: ${tempsLeft}`,
    );
  });
});

// ---- passphrases -----------------------------------------------------------------------

describe('the passphrase', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = newBox();
    seed(box, fixture());
    encrypt(box);
  });

  it.each([
    ['list'],
    ['log', 'x', '-i', '3'],
    ['show', 'aaaa'],
    ['report', '--json'],
    ['export'],
    ['encrypt'],
    ['decrypt'],
    ['doctor', '--repair', '--yes'],
  ])('a wrong one is exit 3 with a calm message, every file byte-identical: attach %s', async (...args) => {
    const before = snapshot(box.dir);
    const r = await attachAsync(box, args, { ATTACH_PASSPHRASE: 'Correct horse battery staple' });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/That passphrase doesn't open your journal at .*journal\.json\. Nothing was changed/);
    calm(r.stderr);
    expect(r.stdout).toBe('');
    expect(snapshot(box.dir)).toEqual(before);
  });

  it.each([['list'], ['log', 'x', '-i', '3'], ['report'], ['decrypt'], ['delete', 'aaaa', '--yes']])(
    'none, and no terminal to ask on: exit 3, calm, nothing changed: attach %s',
    async (...args) => {
      const before = snapshot(box.dir);
      const r = await attachAsync(box, args);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(
        'is encrypted, and attach has no way to ask for the passphrase here. Set ATTACH_PASSPHRASE, or run it on a terminal.',
      );
      calm(r.stderr);
      expect(snapshot(box.dir)).toEqual(before);
    },
  );

  it('an empty ATTACH_PASSPHRASE counts as none', async () => {
    const r = await attachAsync(box, ['list'], { ATTACH_PASSPHRASE: '' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Set ATTACH_PASSPHRASE');
  });
});

describe('attach encrypt and attach decrypt', () => {
  it('decrypt restores plain JSON, and plain backups; a second decrypt has nothing to do', async () => {
    const box = newBox();
    seed(box, fixture());
    encrypt(box);
    ok(attach(box, ['log', `one more ${MARKERS[0]}`, '-i', '4'], WITH));
    const inside = await opened(box.journal);
    const backups = await Promise.all(backupsOf(box).map((file) => opened(file)));
    expect(backups.length).toBeGreaterThan(0);

    const r = attach(box, ['decrypt'], WITH);
    ok(r);
    expect(r.stderr).toContain(
      'Your journal is no longer encrypted, and neither is its backup. Anyone who can read its files can read it now.',
    );
    expect(readEnvelope(readFileSync(box.journal, 'utf8'), box.journal)).toBeNull();
    expect(parseJournal(readFileSync(box.journal, 'utf8'), box.journal)).toEqual(inside);
    // In the one-entry-per-line layout of a plain journal.
    expect(readFileSync(box.journal, 'utf8')).toBe(serializeJournal(inside));
    expect(backupsOf(box).map((file) => parseJournal(readFileSync(file, 'utf8'), file))).toEqual(backups);
    expect(statSync(box.journal).mode & 0o777).toBe(0o600);

    // Plain now: no passphrase needed, none asked.
    ok(attach(box, ['list']));
    const again = attach(box, ['decrypt']);
    ok(again);
    expect(again.stderr).toContain('Your journal is not encrypted; nothing to do.');
  });

  it('encrypt without ATTACH_PASSPHRASE and no terminal: exit 2 naming ATTACH_PASSPHRASE, nothing written', () => {
    const box = newBox();
    seed(box, fixture());
    const before = snapshot(box.dir);
    const r = attach(box, ['encrypt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ATTACH_PASSPHRASE');
    expect(r.stderr).toContain('never takes one as an option');
    calm(r.stderr);
    expect(snapshot(box.dir)).toEqual(before);
  });

  it.each([
    ['', 'empty'],
    ['short', '5 characters'],
    ['1234567', '7 characters'],
    ['🔑🔑🔑🔑🔑🔑🔑', '7 emoji (14 UTF-16 units)'],
  ])('a passphrase shorter than 8 characters (%j, %s): exit 2, nothing written', (phrase) => {
    const box = newBox();
    seed(box, fixture());
    const before = snapshot(box.dir);
    const r = attach(box, ['encrypt'], { ATTACH_PASSPHRASE: phrase });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('A passphrase needs at least 8 characters');
    expect(r.stderr).toContain('Nothing was changed');
    expect(snapshot(box.dir)).toEqual(before);
  });

  it('exactly 8 characters is enough (emoji count as one each)', async () => {
    const box = newBox();
    seed(box, fixture());
    encrypt(box, { ATTACH_PASSPHRASE: '🔑🔑🔑🔑🔑🔑🔑🔑' });
    expect((await opened(box.journal, new Keyring(async () => '🔑🔑🔑🔑🔑🔑🔑🔑'))).entries).toHaveLength(fixture().entries.length);
  });

  it('encrypt twice: "already encrypted", same salt, still opens; with another passphrase: exit 3, nothing changed', async () => {
    const box = newBox();
    seed(box, fixture());
    encrypt(box);
    const first = JSON.parse(readFileSync(box.journal, 'utf8')) as Envelope;
    const r = attach(box, ['encrypt'], WITH);
    ok(r);
    expect(r.stderr).toContain('Your journal is already encrypted, and so is everything attach keeps beside it.');
    const second = JSON.parse(readFileSync(box.journal, 'utf8')) as Envelope;
    expect(second.salt).toBe(first.salt);
    expect((await opened(box.journal)).entries).toHaveLength(fixture().entries.length);

    const before = snapshot(box.dir);
    const other = attach(box, ['encrypt'], { ATTACH_PASSPHRASE: 'a different passphrase' });
    expect(other.code).toBe(3);
    expect(snapshot(box.dir)).toEqual(before);
  });

  it('encrypting a journal that does not exist yet starts an encrypted one', async () => {
    const box = newBox();
    ok(attach(box, ['encrypt'], WITH));
    ok(attach(box, ['log', 'first', '-i', '1'], WITH));
    expect((await opened(box.journal)).entries.map((e) => e.what)).toEqual(['first']);
  });
});

// ---- typed on a terminal -----------------------------------------------------------------

describe('attach encrypt on a terminal', () => {
  const terminals: Terminal[] = [];
  afterEach(() => {
    for (const term of terminals.splice(0)) term.kill();
  });
  const TYPED = 'hunter2-wombat-sesame';

  it('asks twice, hidden: the typed characters never appear on the screen', async () => {
    const box = newBox();
    seed(box, fixture());
    const term = new Terminal(box, ['encrypt']);
    terminals.push(term);
    await term.waitFor('Choose a passphrase:');
    term.type(TYPED, '\r');
    await term.waitFor('The same passphrase again:');
    term.type(TYPED, '\r');
    await term.waitFor('Your journal is encrypted now');
    expect((await term.exit()).exitCode).toBe(0);
    expect(term.raw).not.toContain(TYPED);
    expect(term.raw).not.toContain('hunter2');
    expect(term.raw).not.toContain('wombat');
    expect((await opened(box.journal, new Keyring(async () => TYPED))).entries).toHaveLength(fixture().entries.length);

    // And the passphrase of an encrypted journal is asked, hidden, when there is a terminal.
    const list = new Terminal(box, ['list', '--type', 'trigger', '--limit', '1']);
    terminals.push(list);
    await list.waitFor('Passphrase for your journal:');
    list.type(TYPED, '\r');
    expect((await list.exit()).exitCode).toBe(0);
    expect(list.raw).not.toContain('wombat');
    expect(list.text).toContain(MARKERS[0]);

    const wrong = new Terminal(box, ['list']);
    terminals.push(wrong);
    await wrong.waitFor('Passphrase for your journal:');
    // Asked again with the reason, up to three times, then exit 3.
    wrong.type('not it at all', '\r');
    await wrong.waitFor("That passphrase doesn't open your journal (2 more tries). Passphrase:");
    wrong.type('not it at all', '\r');
    await wrong.waitFor("That passphrase doesn't open your journal (one more try). Passphrase:");
    wrong.type('not it at all', '\r');
    expect((await wrong.exit()).exitCode).toBe(3);
    expect(wrong.text).toContain("That passphrase doesn't open your journal");
    expect(wrong.raw).not.toContain('not it at all');
  });

  it('two different passphrases, three times: asked again each time with the reason, then exit 2, nothing changed', async () => {
    const box = newBox();
    seed(box, fixture());
    const before = snapshot(box.dir);
    const term = new Terminal(box, ['encrypt']);
    terminals.push(term);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await term.waitFor(attempt === 1 ? 'Choose a passphrase:' : 'The two were different. Choose a passphrase:');
      term.type(TYPED, '\r');
      await term.waitFor('The same passphrase again:');
      term.type(`${TYPED}x`, '\r');
    }
    await term.waitFor('The two were different. Nothing was changed; run it again when you are ready.');
    expect((await term.exit()).exitCode).toBe(2);
    expect(term.raw).not.toContain('wombat');
    expect(snapshot(box.dir)).toEqual(before);
  });
});

// ---- repair ------------------------------------------------------------------------------

describe('doctor --repair of an encrypted journal cut in the middle', () => {
  it('restores the newest backup, sealed, and keeps the original ciphertext bytes as the broken copy', async () => {
    const box = newBox();
    const journal = fixture();
    seed(box, journal);
    encrypt(box); // the day's backup: the journal as it was, sealed
    ok(attach(box, ['log', 'after the backup', '-i', '2'], WITH));
    const [backup] = backupsOf(box);
    const backupSalt = (JSON.parse(readFileSync(backup!, 'utf8')) as Envelope).salt;
    const size = statSync(box.journal).size;
    truncateSync(box.journal, Math.floor(size / 2));
    const cut = readFileSync(box.journal);

    // doctor without the passphrase sees the damage from the envelope alone.
    const look = attach(box, ['doctor']);
    expect(look.code).toBe(3);
    expect(look.stdout).toContain('encrypted: damaged envelope');
    expect(look.stderr).toContain('attach doctor --repair');

    // A repair that cannot open the backups changes nothing.
    const before = snapshot(box.dir);
    const blind = attach(box, ['doctor', '--repair', '--yes']);
    expect(blind.code).toBe(3);
    calm(blind.stderr);
    expect(snapshot(box.dir)).toEqual(before);

    const r = attach(box, ['doctor', '--repair', '--yes'], WITH);
    ok(r);
    expect(r.stderr).toContain('it is encrypted, and its envelope is damaged');
    expect(r.stderr).toMatch(/Recovered 0 entries from the damaged file and \d+ more from the backup of \d{4}-\d{2}-\d{2}\./);
    expect(isEnvelope(box.journal)).toBe(true);
    expect(readFileSync(box.journal, 'utf8')).not.toContain(MARKERS[0]);
    const restored = await opened(box.journal);
    expect(restored.entries).toEqual(journal.entries);
    expect((JSON.parse(readFileSync(box.journal, 'utf8')) as Envelope).salt).toBe(backupSalt);

    const copies = readdirSync(path.dirname(box.journal)).filter((name) => /^journal\.broken-\d{8}-\d{6}(-\d+)?\.json$/.test(name));
    expect(copies).toHaveLength(1);
    const copy = path.join(path.dirname(box.journal), copies[0]!);
    expect(readFileSync(copy).equals(cut)).toBe(true);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(r.stderr).toContain(copy);

    // Every command works on it again, with the same passphrase.
    const list = attach(box, ['list', '--json'], WITH);
    ok(list);
    expect(JSON.parse(list.stdout)).toHaveLength(journal.entries.length);
  });
});

// ---- recovering an encrypted journal ------------------------------------------------------

describe('recovering an encrypted journal', () => {
  /** A journal encrypted with its day's backup (the entries of the fixture), then one more entry, then cut in the middle. */
  function damaged(): { box: Sandbox; cut: Buffer } {
    const box = newBox();
    seed(box, fixture());
    encrypt(box);
    ok(attach(box, ['log', 'after the backup', '-i', '2'], WITH));
    truncateSync(box.journal, Math.floor(statSync(box.journal).size / 2));
    return { box, cut: readFileSync(box.journal) };
  }

  it('doctor --repair with a wrong passphrase is exit 3 and changes nothing (it must not seal a new journal with it)', async () => {
    const { box } = damaged();
    const before = snapshot(box.dir);
    const r = attach(box, ['doctor', '--repair', '--yes'], { ATTACH_PASSPHRASE: 'a typo in the passphrase' });
    expect(r.code, r.stderr).toBe(3);
    calm(r.stderr);
    expect(snapshot(box.dir)).toEqual(before);
    // The right passphrase then repairs it from the backup.
    ok(attach(box, ['doctor', '--repair', '--yes'], WITH));
    expect((await opened(box.journal)).entries.map((entry) => entry.type)).toEqual(fixture().entries.map((entry) => entry.type));
  });

  it('import takes the entries of a backup of the encrypted journal back in, as for a plain one, but not a deleted one', async () => {
    const box = newBox();
    const journal = fixture();
    seed(box, journal);
    encrypt(box);
    const [backup] = backupsOf(box);
    expect(isEnvelope(backup!)).toBe(true);
    const [gone, lost] = [journal.entries[1]!, journal.entries[2]!];
    ok(attach(box, ['delete', gone.id.slice(0, 8), '--yes'], WITH));
    // Lost without a delete (a hand edit, an old tool): the backup brings it back.
    const sealedText = readFileSync(box.journal, 'utf8');
    const { entries, ...rest } = await opened(box.journal);
    const keyring = new Keyring(async () => WITH.ATTACH_PASSPHRASE);
    await keyring.unseal(sealedText, box.journal);
    writeFileSync(box.journal, keyring.seal(serializeJournal({ ...rest, entries: entries.filter((e) => e.id !== lost.id) })));
    const r = attach(box, ['import', backup!], WITH);
    ok(r, 'attach import <encrypted backup>');
    expect(r.stderr).toContain('1 entry in the file was deleted here, and stays deleted.');
    const inside = await opened(box.journal);
    expect(inside.entries.map((entry) => entry.id)).toContain(lost.id);
    expect(inside.entries.map((entry) => entry.id)).not.toContain(gone.id);
    expect(inside.entries).toHaveLength(journal.entries.length - 1);
    // What was deleted comes back by undo.
    ok(attach(box, ['undo', gone.id.slice(0, 8)], WITH));
    expect((await opened(box.journal)).entries).toHaveLength(journal.entries.length);
  });

  it('a decrypt stopped after the journal, before its backups: running decrypt again finishes the backups', async () => {
    const box = newBox();
    seed(box, fixture());
    encrypt(box);
    const plain = serializeJournal(await opened(box.journal));
    // What a decrypt killed between the journal and its backups leaves: the journal plain, the backup still sealed.
    writeFileSync(box.journal, plain);
    expect(backupsOf(box).every(isEnvelope)).toBe(true);
    const r = attach(box, ['decrypt'], WITH);
    ok(r);
    for (const backup of backupsOf(box)) expect(isEnvelope(backup), `${backup} is still encrypted after decrypt`).toBe(false);
  });
});
