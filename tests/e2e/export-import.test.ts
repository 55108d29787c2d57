import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TriggerEntry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import * as make from '../helpers/entries.js';

/** attach export and attach import, run as the built CLI without a terminal. */

type Raw = Record<string, unknown> & { id: string };

const trig = (id: string, at: string, over: Partial<TriggerEntry> = {}): Raw =>
  make.trigger({
    id,
    at,
    recordedAt: at,
    what: 'No reply for four hours',
    who: 'partner',
    triggers: ['delayed-reply'],
    intensity: 7,
    body: ['tight-chest', 'racing-heart'],
    urges: ['double-text'],
    ...over,
  });

/** Entries with the awkward text a CSV or Markdown writer has to survive, across three zones. */
const ENTRIES: Raw[] = [
  trig('a1111111-0000-4000-8000-000000000001', '2026-11-20T08:05:00+01:00', {
    what: 'Slow reply, then "k." and nothing',
    who: 'dating',
    thought: "They're bored of me,\nI just know it",
    tags: ['weekend', 'phone'],
    note: '=HYPERLINK("http://example.com","click")',
  }),
  trig('b2222222-0000-4000-8000-000000000002', '2026-11-22T23:30:00-08:00', {
    what: '@channel everyone saw it',
    who: 'work',
    triggers: ['work-distant'],
    intensity: 4,
    body: [],
    urges: [],
    instead: '-went for a walk instead',
    note: '+1 for not texting, "well done" me\r\nsecond line',
    mood: 'an unknown field, kept',
  }),
  make.pause({
    id: 'c3333333-0000-4000-8000-000000000003',
    at: '2026-11-22T23:40:00-08:00',
    recordedAt: '2026-11-23T00:01:00-08:00',
    for: 'b2222222-0000-4000-8000-000000000002',
    urge: 'text again',
    before: 8,
    after: 3,
    passed: true,
    activities: ['breathe', 'walk'],
    notes: ['felt it peak', '\tthen settle'],
    next: 'sleep',
  }),
  make.reflection({
    id: 'd4444444-0000-4000-8000-000000000004',
    at: '2026-11-23T09:15:00+05:30',
    recordedAt: '2026-11-23T09:15:00+05:30',
    editedAt: '2026-11-23T10:00:00+05:30',
    protest: ['excessive-contact'],
    situation: 'He went quiet, after dinner',
    needs: ['reassurance', 'were-okay'],
    hoped: 'a quick "we\'re fine"',
    felt: 'insecure',
    ask: 'Could we check in tonight? I felt far from you today.',
    tags: ['sunday'],
    note: '# not a heading\n- not a list',
  }),
];

let box: Sandbox;
let journalText: string;
const file = (name: string) => path.join(box.dir, name);
const journalOf = (target: string) => JSON.parse(readFileSync(target, 'utf8')) as { version: number; entries: Raw[] };

beforeAll(() => {
  box = sandbox();
  mkdirSync(path.dirname(box.journal), { recursive: true });
  journalText = `${JSON.stringify({ version: 1, entries: ENTRIES }, null, 2)}\n`;
  writeFileSync(box.journal, journalText, { mode: 0o600 });
});
afterAll(() => box.cleanup());

/**
 * A strict RFC 4180 reader, independent of the writer: CRLF between records,
 * fields quoted or not, "" inside quotes; anything else is an error.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        if (![',', '\r', undefined].includes(text[i + 1])) throw new Error(`text after a closing quote at ${i}`);
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`CR without LF at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n') {
      throw new Error(`a bare LF outside quotes at ${i}`);
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new Error('an unclosed quote');
  if (field !== '' || row.length) throw new Error('the last record has no CRLF');
  return rows;
}

describe('attach export', () => {
  it("writes JSON as the journal format itself, in the journal's order, to stdout", () => {
    const r = attach(box, ['export']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const exported = JSON.parse(r.stdout);
    expect(exported).toEqual({ version: 1, entries: ENTRIES });
    // One entry per line, like the journal file.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('    {'))).toHaveLength(ENTRIES.length);
  });

  it('writes CSV that a strict RFC 4180 reader reads back field for field', () => {
    const r = attach(box, ['export', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    const [header, ...body] = rows;
    expect(header).toEqual([
      'id',
      'type',
      'at',
      'recordedAt',
      'editedAt',
      'what',
      'who',
      'triggers',
      'intensity',
      'body',
      'thought',
      'urges',
      'protest',
      'instead',
      'for',
      'urge',
      'plannedSeconds',
      'elapsedSeconds',
      'completed',
      'before',
      'after',
      'passed',
      'activities',
      'notes',
      'next',
      'situation',
      'needs',
      'hoped',
      'happened',
      'felt',
      'ask',
      'tags',
      'note',
      // added since 0.1, after its 33 columns
      'reachedOut',
      'acted',
      'draft',
      'draftOutcome',
      'fear',
      'asked',
      'landed',
      'when',
      'then',
      'active',
      'kinds',
    ]);
    expect(body).toHaveLength(ENTRIES.length);
    const expected = (value: unknown): string => {
      if (value === null || value === undefined) return '';
      if (Array.isArray(value)) return expected(value.join(' | '));
      if (typeof value !== 'string') return String(value);
      return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
    };
    ENTRIES.forEach((entry, i) => {
      const row = body[i]!;
      expect(row).toHaveLength(header!.length);
      for (const [c, column] of header!.entries()) expect([column, row[c]]).toEqual([column, expected(entry[column])]);
    });
    // The awkward ones, spelled out.
    const note = header!.indexOf('note');
    expect(body[0]![note]).toBe(`'=HYPERLINK("http://example.com","click")`);
    expect(body[1]![note]).toBe(`'+1 for not texting, "well done" me\r\nsecond line`);
    expect(body[1]![header!.indexOf('what')]).toBe("'@channel everyone saw it");
    expect(body[2]![header!.indexOf('notes')]).toBe('felt it peak | \tthen settle');
    expect(body[0]![header!.indexOf('thought')]).toBe("They're bored of me,\nI just know it");
  });

  it("writes Markdown as a journal by day, in each entry's own time, wherever it runs", () => {
    const r = attach(box, ['export', '--format', 'md'], { TZ: 'Asia/Tokyo' });
    expect(r.code).toBe(0);
    expect(attach(box, ['export', '--format', 'md'], { TZ: 'America/Los_Angeles' }).stdout).toBe(r.stdout);
    const md = r.stdout;
    const days = md.split('\n').filter((l) => l.startsWith('## '));
    // 23:30 and 23:40 at -08:00 stay on Sunday the 22nd; the reflection is Monday morning in India.
    expect(days).toEqual(['## Friday 20 November 2026', '## Sunday 22 November 2026', '## Monday 23 November 2026']);
    const sunday = md.slice(md.indexOf('## Sunday'), md.indexOf('## Monday'));
    expect(sunday).toContain('### 23:30 · A moment that stirred you up · `b2222222`');
    expect(sunday).toContain('### 23:40 · A pause of 20 minutes · `c3333333`');
    expect(sunday.indexOf('23:30')).toBeLessThan(sunday.indexOf('23:40'));
    // Catalogue ids in words.
    expect(md).toContain("- Who: Someone I'm dating");
    expect(md).toContain('- Set off by: A slow or short reply');
    expect(md).toContain("- The need underneath: Reassurance, To know we're okay");
    expect(md).toContain('- About: "@channel everyone saw it", 22 November 2026, 23:30 `b2222222`');
    // A person's text cannot turn into Markdown structure.
    expect(md).toContain('- Note: \\# not a heading  \n  \\- not a list');
    expect(md).toContain('- Notes during the pause:\n  - felt it peak\n  - then settle\n');
    expect(md).not.toMatch(/^# not a heading/m);
    expect(md).toContain('- mood: an unknown field, kept');
  });

  it('applies the filters of list', () => {
    const ids = (args: string[]) => {
      const r = attach(box, ['export', ...args]);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout).entries as Raw[]).map((e) => e.id.slice(0, 1));
    };
    expect(ids(['--type', 'trigger'])).toEqual(['a', 'b']);
    expect(ids(['--who', 'work'])).toEqual(['b']);
    expect(ids(['--tag', 'SUNDAY'])).toEqual(['d']);
    expect(ids(['--search', 'well done'])).toEqual(['b']);
    expect(ids(['--from', '2026-11-22', '--to', '2026-11-22'])).toEqual(['b', 'c']);
    expect(ids(['--from', '2026-11-21', '--type', 'reflection'])).toEqual(['d']);
    const csv = attach(box, ['export', '--format', 'csv', '--type', 'pause']);
    expect(parseCsv(csv.stdout).map((row) => row[1])).toEqual(['type', 'pause']);
    const none = attach(box, ['export', '--who', 'ex']);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).entries).toEqual([]);
    expect(none.stderr).toContain('No entries match that');
  });

  it('writes -o files readable only by their owner, and says where on stderr', () => {
    for (const [format, name] of [
      ['json', 'out/all.json'],
      ['csv', 'out/all.csv'],
      ['md', 'out/all.md'],
    ] as const) {
      const target = file(name);
      const r = attach(box, ['export', '--format', format, '-o', target]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`4 entries written to ${target} (readable only by you).`);
      expect(statSync(target).mode & 0o777).toBe(0o600);
      expect(readFileSync(target, 'utf8')).toBe(attach(box, ['export', '--format', format]).stdout);
    }
  });

  it('says so when a file written over keeps permissions that let others read it, for an export, a report and a page', () => {
    for (const args of [['export', '--format', 'md'], ['report'], ['report', '--format', 'html'], ['progress']]) {
      const target = file(`shared-${args.join('-')}.out`);
      writeFileSync(target, 'old', { mode: 0o644 });
      chmodSync(target, 0o644);
      const r = attach(box, [...args, '-o', target]);
      expect(r.code, r.stderr).toBe(0);
      expect(statSync(target).mode & 0o777).toBe(0o644);
      expect(r.stderr).not.toContain('readable only by you');
      expect(r.stderr).toContain(`${target} (it keeps the permissions it had, so others on this computer can read it too;`);
      expect(r.stderr).toContain(`chmod 600 ${target} makes it yours alone).`);
    }
  });

  it('will not write an export over the journal itself', () => {
    const r = attach(box, ['export', '--type', 'pause', '-o', box.journal]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is your journal itself');
    expect(readFileSync(box.journal, 'utf8')).toBe(journalText);
  });
});

describe('attach import', () => {
  it('brings an export back into an empty journal exactly, and a second time adds nothing', () => {
    const exported = file('roundtrip.json');
    expect(attach(box, ['export', '-o', exported]).code).toBe(0);
    const target = file('fresh/journal.json');
    const first = attach(box, ['--file', target, 'import', exported]);
    expect(first.code).toBe(0);
    expect(first.stderr.trim()).toBe('Added 4 entries.');
    expect(journalOf(target)).toEqual({ version: 1, entries: ENTRIES });
    expect(statSync(target).mode & 0o777).toBe(0o600);

    const before = readFileSync(target, 'utf8');
    const mtime = statSync(target).mtimeMs;
    const second = attach(box, ['--file', target, 'import', exported]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('Nothing new: all 4 entries in');
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(statSync(target).mtimeMs).toBe(mtime);
  });

  it("skips entries already here whatever their key order, and appends new ones in the file's order", () => {
    const target = file('order/journal.json');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify({ version: 1, entries: [ENTRIES[1]] }));
    const shuffled = ENTRIES.map((e) => Object.fromEntries(Object.entries(e).reverse()));
    const incoming = file('shuffled.json');
    writeFileSync(incoming, JSON.stringify({ entries: [shuffled[3], shuffled[1], shuffled[0]], version: 1 }));
    const r = attach(box, ['--file', target, 'import', incoming]);
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe('Added 2 entries; 1 was already here.');
    expect(journalOf(target).entries.map((e) => e.id.slice(0, 1))).toEqual(['b', 'd', 'a']);
  });

  describe('a conflict: the same id with different content', () => {
    const theirs = { ...ENTRIES[0]!, intensity: 9, note: 'changed on the phone', editedAt: '2026-11-24T08:00:00+01:00' };
    const extra = trig('e5555555-0000-4000-8000-000000000005', '2026-11-24T20:00:00+01:00');
    let incoming: string;
    beforeAll(() => {
      incoming = file('phone.json');
      writeFileSync(incoming, JSON.stringify({ version: 1, entries: [theirs, ENTRIES[2], extra] }));
    });
    const fresh = (name: string) => {
      const target = file(`conflict-${name}/journal.json`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, journalText);
      return target;
    };

    it('without --prefer keeps yours, adds the rest, and says how to take theirs', () => {
      const target = fresh('none');
      const r = attach(box, ['--file', target, 'import', incoming]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('Added 1 entry; 1 was already here; 1 differed (kept yours: a1111111).');
      expect(r.stderr).toContain('--prefer theirs');
      expect(journalOf(target).entries).toEqual([...ENTRIES, extra]);
    });

    it('with --prefer ours keeps yours', () => {
      const target = fresh('ours');
      const r = attach(box, ['--file', target, 'import', incoming, '--prefer', 'ours']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('1 differed (kept yours, as asked: a1111111)');
      expect(r.stderr).not.toContain('--prefer');
      expect(journalOf(target).entries).toEqual([...ENTRIES, extra]);
    });

    it("with --prefer theirs takes the file's version, in the same place", () => {
      const target = fresh('theirs');
      const r = attach(box, ['--file', target, 'import', incoming, '--prefer', 'theirs']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("1 differed (took the file's version: a1111111)");
      expect(journalOf(target).entries).toEqual([theirs, ...ENTRIES.slice(1), extra]);
      // Done once, the same file again is already here.
      expect(attach(box, ['--file', target, 'import', incoming, '--prefer', 'theirs']).stderr).toContain('Nothing new: all 3 entries');
    });

    it('with --dry-run says what would happen and writes nothing', () => {
      const target = fresh('dry');
      const r = attach(box, ['--file', target, 'import', incoming, '--prefer', 'theirs', '--dry-run']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("Would add 1 entry; 1 is already here; 1 differs (the file's version would replace yours: a1111111).");
      expect(r.stderr).toContain('nothing was written');
      expect(readFileSync(target, 'utf8')).toBe(journalText);
      expect(existsSync(path.join(path.dirname(target), 'backups'))).toBe(false);
    });
  });
});

describe('bad input: exit 2, one calm line, nothing written', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'export --format xml',
      () => ['export', '--format', 'xml', '-o', file('bad/never.xml')],
      /^--format takes json, csv or md \(you gave "xml"\)\.\n$/,
    ],
    [
      'import of a missing file',
      () => ['import', file('nowhere.json')],
      /^There is no file at .*nowhere\.json\. Check the path; nothing was imported\.\n$/,
    ],
    [
      'import of a non-JSON file',
      () => ['import', file('bad/notes.txt')],
      new RegExp(
        String.raw`^.*notes\.txt is not valid JSON, so nothing was imported; ` +
          String.raw`import takes an attach JSON file, such as one written by attach export\.\n$`,
      ),
    ],
    [
      'import of a CSV export',
      () => ['import', file('bad/entries.csv')],
      /^.*entries\.csv is a CSV file, not JSON, so nothing was imported; import takes an attach JSON file/,
    ],
    [
      'import of a damaged JSON file',
      () => ['import', file('bad/cut.json')],
      /^.*cut\.json is not valid JSON \(.+\), so nothing was imported; /,
    ],
    [
      'import of a newer version',
      () => ['import', file('bad/v2.json')],
      new RegExp(
        String.raw`^.*v2\.json can't be imported yet: it was written in format 2, newer than this attach reads \(1\)\. ` +
          String.raw`Update attach, then import it again; nothing was imported\.\n$`,
      ),
    ],
    [
      'import of the wrong shape',
      () => ['import', file('bad/shape.json')],
      new RegExp(
        String.raw`^.*shape\.json is not an attach journal that can be imported: entry 2 \(b2222222\): ` +
          String.raw`"intensity" should be a whole number from 0 to 10\. Nothing was imported\.\n$`,
      ),
    ],
    [
      'import --prefer maybe',
      () => ['import', file('bad/fine.json'), '--prefer', 'maybe'],
      /^--prefer takes theirs or ours \(you gave "maybe"\)\.\n$/,
    ],
  ];

  beforeAll(() => {
    mkdirSync(file('bad'), { recursive: true });
    writeFileSync(file('bad/fine.json'), JSON.stringify({ version: 1, entries: ENTRIES }));
    writeFileSync(file('bad/notes.txt'), 'Sunday: no reply again.\n');
    writeFileSync(file('bad/entries.csv'), 'id,type,at\nab,trigger,2026-11-22\n');
    writeFileSync(file('bad/cut.json'), '{"version":1,"entries":[{"id":');
    writeFileSync(file('bad/v2.json'), JSON.stringify({ version: 2, entries: [ENTRIES[0]] }));
    writeFileSync(
      file('bad/shape.json'),
      JSON.stringify({ version: 1, entries: [ENTRIES[0], { ...ENTRIES[1], intensity: 12 }, trig('f6', '2026-11-25T10:00:00Z')] }),
    );
  });

  it.each(cases)('%s', (_name, args, message) => {
    const existing = readFileSync(box.journal, 'utf8');
    const r = attach(box, args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(readFileSync(box.journal, 'utf8')).toBe(existing);
    expect(existsSync(file('bad/never.xml'))).toBe(false);

    // Into a journal that does not exist yet: it is still not created.
    const target = file(`untouched-${_name.replace(/\W+/g, '-')}/journal.json`);
    expect(attach(box, ['--file', target, ...args()]).code).toBe(2);
    expect(existsSync(path.dirname(target))).toBe(false);
  });
});
