import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeJournal } from '../../src/journal/format.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { journalOf, TRIGGER_ID, trigger } from '../helpers/entries.js';
import { STACK_LINE } from '../helpers/hostile.js';

/*
 * Issue 13, import takes only what it can keep as it is. Each of these was
 * accepted with exit 0 and no word (and then shown as "Tue 31 Feb", split a
 * row of `attach list`, became U+FFFD, became null, or was rounded); now
 * each is refused with exit 2, in one line naming the entry and the field,
 * and the journal is left byte for byte as it was.
 */

const OTHER_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

let box: Sandbox;
let before: Buffer;
beforeEach(() => {
  box = sandbox();
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(box.journal, serializeJournal(journalOf(trigger())), { mode: 0o600 });
  before = readFileSync(box.journal);
});
afterEach(() => box.cleanup());

/** An importable file of two entries, the second one changed by `edit` (text in, text out). */
function fileWith(edit: (line: string) => string): string {
  const good = trigger({ id: OTHER_ID, what: 'first, fine' });
  const second = trigger({ id: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', what: 'the second one', note: 'a note' });
  const text = serializeJournal(journalOf(good, second));
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.includes('the second one'));
  lines[at] = edit(lines[at]!);
  return lines.join('\n');
}

const cases: [string, string | Buffer, RegExp][] = [
  [
    'an impossible date',
    fileWith((l) => l.replace(/"at":"[^"]+"/, '"at":"2026-02-31T10:00:00+01:00"')),
    /entry 2 \(b1c2d3e4\), "at", "2026-02-31T10:00:00\+01:00", is not a date on the calendar/,
  ],
  [
    'a date of 30 April',
    fileWith((l) => l.replace(/"recordedAt":"[^"]+"/, '"recordedAt":"2026-04-31T10:00:00Z"')),
    /entry 2 \(b1c2d3e4\), "recordedAt",/,
  ],
  [
    'a line break in an id',
    fileWith((l) => l.replace('"id":"b1c2d3e4-', '"id":"b1c2\\nd3e4-')),
    /entry 2, "id", "b1c2\\nd3e4-.*is not a UUID/,
  ],
  ['an id that is not a UUID', fileWith((l) => l.replace(/"id":"[^"]+"/, '"id":"my-own-id"')), /entry 2, "id", "my-own-id", is not a UUID/],
  [
    '1e400 in a field attach does not know',
    fileWith((l) => l.replace('"note":"a note"', '"note":"a note","mood":1e400')),
    /entry 2 \(b1c2d3e4\), "mood", holds 1e400, a number JSON can't keep as written \(it would become null\)/,
  ],
  [
    'a 30-digit integer',
    fileWith((l) => l.replace('"note":"a note"', '"note":"a note","extra":{"big":[1,123456789012345678901234567890]}')),
    /entry 2 \(b1c2d3e4\), "extra\.big\[1\]", holds 123456789012345678901234567890, .*it would become 1\.2345678901234568e\+29/,
  ],
  [
    'a number too small to keep',
    fileWith((l) => l.replace('"note":"a note"', '"note":"a note","tiny":1e-400')),
    /"tiny", holds 1e-400.*it would become 0\)/,
  ],
  [
    'bytes that are not UTF-8',
    Buffer.concat([
      Buffer.from(fileWith((l) => l.replace('a note', 'a nXXte')).split('XX')[0]!),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(fileWith((l) => l.replace('a note', 'a nXXte')).split('XX')[1]!),
    ]),
    /entry 2 \(b1c2d3e4\), "note", is not valid UTF-8 \(byte \d+ of the file\)/,
  ],
];

describe('attach import refuses what it could not keep as it is', () => {
  it.each(cases)('%s: exit 2, one line naming the entry and the field, the journal byte for byte as it was', (_name, content, said) => {
    const file = path.join(box.dir, 'incoming.json');
    writeFileSync(file, content);
    for (const args of [
      ['import', file],
      ['import', file, '--dry-run'],
    ]) {
      const r = attach(box, args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(said);
      expect(r.stderr).toMatch(/Nothing was imported\.\n$/);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(readFileSync(box.journal).equals(before)).toBe(true);
    }
  });

  it('still takes what it can keep: numbers written another way, leap days, a byte-order mark, U+FFFD typed as such', () => {
    const file = path.join(box.dir, 'incoming.json');
    const text = fileWith((l) =>
      l
        .replace(/"at":"[^"]+"/, '"at":"2024-02-29T10:00:00+01:00"')
        .replace('"note":"a note"', '"note":"a \uFFFD note","n":[1.50e2,0.1,-0,1E3,9007199254740993.0e-5]'),
    );
    writeFileSync(file, `\uFEFF${text}`);
    const r = attach(box, ['import', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Added 2 entries');
    const list = attach(box, ['list', '--json']);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((e) => e.id)).toContain(TRIGGER_ID);
  });
});
