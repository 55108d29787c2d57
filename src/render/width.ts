/*
 * How many columns text takes on a terminal: a CJK character or an emoji
 * takes two, a combining accent none, a colour code none.
 *
 * string-width does the measuring, but it is loaded only when a piece of text
 * holds a character outside the narrow set below: at import it builds an
 * Intl.Segmenter, which costs about 10 ms on these machines (ICU's data is
 * loaded then), and most of what attach prints is plain text that needs none
 * of it. `require` (not `import`) is what keeps it lazy: the bundler wraps a
 * required module so that it runs at its first use, and Node >= 20.19 can
 * require an ES module when the sources run unbundled (tests).
 */

const SGR = /\u001b\[[0-9;]*m/g;

/**
 * Characters that take exactly one column: printable ASCII, the Latin letters
 * and spacing marks up to U+02FF (without the soft hyphen), general punctuation (without the invisible marks and bidi controls),
 * arrows, box drawing, blocks and the geometric shapes attach draws with, and
 * the few symbols of its prompts; not the ones string-width reads as emoji
 * (©, ®, ‼, ↔, ▶, ✔ ...). A unit test checks every one against string-width.
 */
const NARROW_RANGES = [
  '\u0020-\u007e',
  '\u00a0-\u00a8',
  '\u00aa-\u00ac',
  '\u00af-\u02ff',
  '\u2010-\u2027',
  '\u2030-\u203b',
  '\u203d-\u2048',
  '\u204a-\u205e',
  '\u2190-\u2193',
  '\u219a-\u21a8',
  '\u21ab-\u21ff',
  '\u23ce',
  '\u2500-\u25a9',
  '\u25ac-\u25b5',
  '\u25b7-\u25bf',
  '\u25c1-\u25fa',
  '\u2713',
  '\u276f',
];
const NARROW = new RegExp(`^[${NARROW_RANGES.join('')}]*$`);

type Measure = (text: string) => number;
let measure: Measure | undefined;

function full(): Measure {
  measure ??= (require('string-width') as typeof import('string-width')).default;
  return measure;
}

export function stripStyle(text: string): string {
  return text.includes('\u001b') ? text.replace(SGR, '') : text;
}

/** True when every character of `text` (colour codes aside) takes one column. */
export function isNarrow(text: string): boolean {
  return NARROW.test(stripStyle(text));
}

/** Columns `text` takes on a terminal; colour codes take none. */
export function displayWidth(text: string): number {
  const plain = stripStyle(text);
  return NARROW.test(plain) ? plain.length : full()(plain);
}

let segmenter: Intl.Segmenter | undefined;

/**
 * The characters as a person sees them (an emoji with its skin tone, a letter
 * with its accent, a flag: one each), so that a cut never falls inside one.
 */
export function graphemes(text: string): string[] {
  if (NARROW.test(text)) return text.split('');
  full();
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Pads `text` with spaces to `width` columns (by display width, so a CJK name still lines up). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/**
 * `text` cut to at most `width` columns, ending in … when something was cut
 * (a row of `attach list` stays one row). Colour codes are dropped from a
 * cut line, so no colour is left open.
 */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const part of graphemes(stripStyle(text))) {
    const w = displayWidth(part);
    if (used + w > width - 1) break;
    out += part;
    used += w;
  }
  return `${out}…`;
}
