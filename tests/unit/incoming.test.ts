import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeJournal } from '../../src/journal/format.js';
import { incomingProblem, invalidUtf8At } from '../../src/journal/incoming.js';
import type { Journal } from '../../src/journal/types.js';
import { checkJournal } from '../../src/journal/validate.js';
import { journalOf, PAUSE_ID, pause, trigger } from '../helpers/entries.js';

/*
 * What import takes, in process (issue 13). Numbers are read from the raw
 * text only when the parsed journal holds one no check has bounded, so each
 * place such a number can hide is tried here: a field attach does not know,
 * notes, seconds, an entry of an unknown type, the top of the file.
 */

/** The problem with a file, after the journal's own checks passed (as import runs it). */
function problemOf(text: string): string | null {
  const checked = checkJournal(JSON.parse(text));
  if (!checked.ok) throw new Error(`the journal's own checks refused it: ${checked.problem}`);
  return incomingProblem(checked.journal, text);
}

/** The journal as attach writes it, with `raw` put in place of the string "@@" (a number written as it stands). */
function textWith(journal: Journal, raw: string): string {
  return serializeJournal(journal).replace('"@@"', raw);
}

describe('numbers import can keep only as they are', () => {
  const places: [string, Journal][] = [
    ['a field attach does not know', journalOf(trigger({ mood: '@@' } as object))],
    ['deep inside one', journalOf(trigger({ extra: { list: [1, { n: '@@' }] } } as object))],
    ['notes', journalOf(pause({ notes: ['fine', '@@'] }))],
    ['an entry of a type attach does not know', { version: 1, entries: [{ id: PAUSE_ID, type: 'dream', n: '@@' }] } as Journal],
    ['the top of the file', { version: 1, meta: { n: '@@' }, entries: [trigger()] } as Journal],
  ];

  it.each(places)('in %s: 1e400 and a 30-digit integer are refused, an exact number is kept', (_where, journal) => {
    expect(problemOf(textWith(journal, '1e400'))).toMatch(/holds 1e400, a number JSON can't keep as written \(it would become null\)/);
    expect(problemOf(textWith(journal, '123456789012345678901234567890'))).toMatch(
      /holds 123456789012345678901234567890, .*it would become 1\.2345678901234568e\+29/,
    );
    expect(problemOf(textWith(journal, '9007199254740993'))).toMatch(/it would become 9007199254740992\)/);
    expect(problemOf(textWith(journal, '1200'))).toBeNull();
  });

  it('in whole seconds (where the journal refuses 1e400 itself): a 30-digit integer is refused, an exact one kept', () => {
    const journal = journalOf(pause({ elapsedSeconds: '@@' as unknown as number }));
    expect(problemOf(textWith(journal, '123456789012345678901234567890'))).toMatch(/^entry 1 \(6a1d3e0f\), "elapsedSeconds", holds 1234/);
    expect(problemOf(textWith(journal, '9007199254740993'))).toMatch(/it would become 9007199254740992\)/);
    expect(problemOf(textWith(journal, '1200'))).toBeNull();
  });

  it('names the field it found, in an entry or at the top of the file', () => {
    expect(problemOf(textWith(places[1]![1], '1e400'))).toMatch(/^entry 1 \(5f0c2d9e\), "extra\.list\[1\]\.n", holds 1e400/);
    expect(problemOf(textWith(places[4]![1], '1e400'))).toMatch(/^its "meta\.n" holds 1e400/);
  });

  /** The exact value of a decimal literal, as digits and a power of ten, read independently of incoming.ts. */
  function exact(literal: string): [bigint, number] | null {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(literal);
    if (!m) return null;
    const digits = BigInt(`${m[1]}${m[2]}${m[3] ?? ''}`);
    return [digits, Number(m[4] ?? 0) - (m[3] ?? '').length];
  }
  function same(a: [bigint, number], b: [bigint, number]): boolean {
    const low = Math.min(a[1], b[1]);
    return a[0] * 10n ** BigInt(a[1] - low) === b[0] * 10n ** BigInt(b[1] - low);
  }

  it('refuses a number exactly when what JSON.stringify would write back is another number', () => {
    const literal = fc
      .tuple(
        fc.constantFrom('', '-'),
        fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9]\d{0,29}$/)),
        fc.option(fc.stringMatching(/^\d{1,25}$/), { nil: undefined }),
        fc.option(fc.integer({ min: -420, max: 420 }), { nil: undefined }),
      )
      .map(
        ([sign, whole, fraction, exponent]) =>
          `${sign}${whole}${fraction ? `.${fraction}` : ''}${exponent === undefined ? '' : `e${exponent}`}`,
      );
    fc.assert(
      fc.property(literal, (raw) => {
        const written = JSON.stringify(JSON.parse(raw));
        const back = exact(written);
        const kept = back !== null && same(exact(raw)!, back);
        expect([raw, problemOf(textWith(places[0]![1], raw)) === null]).toEqual([raw, kept]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('ids, links and dates', () => {
  it('refuses a link that is not the id of an entry', () => {
    expect(problemOf(serializeJournal(journalOf(pause({ for: 'my-trigger' }))))).toMatch(
      /^entry 1 \(6a1d3e0f\), "for", "my-trigger", is not the id of an entry/,
    );
  });

  it('refuses an edit on a day that never was, and takes the 29th of February of a leap year', () => {
    const edited = (editedAt: string) => serializeJournal(journalOf(trigger({ editedAt })));
    expect(problemOf(edited('2026-02-29T10:00:00Z'))).toMatch(/"editedAt", "2026-02-29T10:00:00Z", is not a date on the calendar/);
    expect(problemOf(edited('2028-02-29T10:00:00Z'))).toBeNull();
    expect(problemOf(edited('2026-12-31T23:59:59+14:00'))).toBeNull();
  });
});

describe('the first byte that is not UTF-8', () => {
  it('is -1 exactly when a strict decoder reads the bytes, and otherwise begins what it cannot read', () => {
    const strict = (bytes: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    // Mostly bytes from the upper half, where overlong forms, surrogates and cut sequences are.
    const byte = fc.oneof(fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 0x7f }), fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4));
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 24 }).chain((head) => fc.array(byte, { maxLength: 12 }).map((tail) => [head, tail])),
        ([head, tail]) => {
          const bytes = Uint8Array.from([...head!, ...(tail as number[])]);
          const at = invalidUtf8At(bytes);
          expect(at === -1).toBe(strict(bytes));
          if (at >= 0) {
            expect(strict(bytes.subarray(0, at))).toBe(true);
            expect(strict(bytes.subarray(0, Math.min(bytes.length, at + 4)))).toBe(false);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
