/*
 * Words held together on one line. render/wrap.ts breaks a line only at a
 * space, and writes a no-break space (U+00A0) as a plain one: words joined by
 * it are never parted. Here, below every layer, so that the journal layer's
 * messages can hold a command to type as the renderers' do.
 */

export const NBSP = '\u00a0';

/** Words held together on one line: a date, a count and its noun, a legend's entry. */
export function together(text: string): string {
  return text.replace(/ /g, NBSP);
}

/** A command to type, held together on one line (and never broken in the middle). */
export const command = together;
