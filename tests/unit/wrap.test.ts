import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, isNarrow, padEnd, truncate } from '../../src/render/width.js';
import { command, wrap } from '../../src/render/wrap.js';

const CRISIS =
  'If you are in crisis or thinking about harming yourself: in the US, call or text 988 (Suicide & Crisis Lifeline) ' +
  'or chat at 988lifeline.org; elsewhere, call your local emergency number or find a line at findahelpline.com.';

describe('a command held together, wider than the line', () => {
  it('parts between its words, a quoted phrase whole wherever it fits', () => {
    const text = `For example: ${command('attach plan add --when "no reply for hours" --then "take a pause and call Sam"')}.`;
    expect(wrap(text, 39)).toEqual([
      'For example:',
      'attach plan add --when',
      '"no reply for hours" --then',
      '"take a pause and call Sam".',
    ]);
  });
});

describe('display width', () => {
  it('agrees with string-width on every character the fast path takes as one column', () => {
    const narrow: string[] = [];
    for (let code = 0x20; code <= 0x2fff; code++) {
      const c = String.fromCodePoint(code);
      if (isNarrow(c)) narrow.push(c);
    }
    expect(narrow.length).toBeGreaterThan(900);
    const wrong = narrow.filter((c) => stringWidth(c) !== 1).map((c) => c.codePointAt(0)!.toString(16));
    expect(wrong).toEqual([]);
  });

  it('counts CJK and emoji as two columns, accents and colours as none', () => {
    expect(displayWidth('漢字')).toBe(4);
    expect(displayWidth('😀 ok')).toBe(5);
    expect(displayWidth('👩‍👩‍👧')).toBe(2);
    expect(displayWidth('e\u0301te\u0301')).toBe(3);
    expect(displayWidth('\u001b[1mbold\u001b[22m')).toBe(4);
    expect(padEnd('漢字', 6)).toBe('漢字  ');
  });

  it('fits a line by display width, with an ellipsis, never cutting inside a character', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a longer line of text', 10)).toBe('a longer …');
    expect(truncate('漢字漢字漢字', 7)).toBe('漢字漢…');
    expect(displayWidth(truncate('👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧', 5))).toBeLessThanOrEqual(5);
    expect(truncate('👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧', 5)).toBe('👩‍👩‍👧👩‍👩‍👧…');
  });
});

describe('wrap', () => {
  it('breaks between words, never inside an address or a phone number', () => {
    for (const width of [20, 30, 40, 57, 80]) {
      const lines = wrap(CRISIS, width);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      expect(lines.join(' ')).toBe(CRISIS);
      expect(lines.some((line) => line.includes('988lifeline.org'))).toBe(true);
      expect(lines.some((line) => line.includes('findahelpline.com.'))).toBe(true);
    }
  });

  it('keeps a command to type on one line', () => {
    const text = `Reaching out to someone you trust, or another pause, can carry you through this: ${command('attach pause --minutes 10')}`;
    for (const width of [30, 40, 50, 60, 70]) {
      const lines = wrap(text, width);
      expect(lines.some((line) => line.includes('attach pause --minutes 10'))).toBe(true);
      expect(lines.join('')).not.toContain('\u00a0');
    }
    // "attach" and a command name hold together without being marked.
    const lines = wrap('When something stirs you up: attach log', 33);
    expect(lines).toEqual(['When something stirs you up:', 'attach log']);
  });

  it('hangs a list item under its first word, and keeps a line’s own indent', () => {
    expect(wrap('- An attach that stopped while writing left a temporary file', 31)).toEqual([
      '- An attach that stopped while',
      '  writing left a temporary file',
    ]);
    expect(wrap('  Sunday evenings: 6 of the last 8 weeks', 21)).toEqual(['  Sunday evenings: 6', '  of the last 8 weeks']);
    expect(wrap('Journal   /data/journal.json', 25, '    ')).toEqual(['Journal', '    /data/journal.json']);
  });

  it('cuts only a word wider than the whole line, after a slash where it can', () => {
    const lines = wrap('Journal at /tmp/attach-test-abcdef/data/attach/journal.json', 24);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(24);
    expect(lines.join('')).toBe('Journal at/tmp/attach-test-abcdef/data/attach/journal.json');
    expect(lines[1]).toMatch(/\/$/);
  });

  it('measures CJK and emoji by their columns', () => {
    const lines = wrap('漢字 漢字 漢字 漢字 😀😀 end', 10);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(10);
    expect(lines).toEqual(['漢字 漢字', '漢字 漢字', '😀😀 end']);
  });

  it('carries a colour over a break and closes it at the line’s end', () => {
    const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;
    const lines = wrap(dim('Waiting for another attach to finish with your journal'), 30);
    expect(lines.length).toBe(2);
    expect(lines[0]!.endsWith('\u001b[0m')).toBe(true);
    expect(lines[1]!.startsWith('\u001b[2m')).toBe(true);
    expect(lines.map((line) => displayWidth(line))).toEqual([29, 24]);
  });

  it('never makes a line wider than the width, and loses no word', () => {
    const word = fc.stringMatching(/^[a-z0-9漢😀./-]{1,12}$/u);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 12, max: 100 }), (words, width) => {
        // Led by a word that is no list marker: a list item ("- ...", "1. ...") hangs, and a word as wide as the
        // whole width would not fit after its hang.
        const text = `x ${words.join(' ')}`;
        const lines = wrap(text, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        const fits = words.filter((w) => displayWidth(w) <= width);
        const joined = lines.join('\n');
        for (const w of fits) expect(joined.split(/[ \n]/)).toContain(w);
      }),
    );
  });
});
