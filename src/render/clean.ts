/**
 * Shows what a person stored without letting the terminal interpret it: an
 * escape sequence pasted into a note must not move the cursor or recolour
 * the screen. Control characters become visible as \xNN.
 */
export function clean(text: string): string {
  return noBidi(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${hex(c, 2)}`));
}

/**
 * The bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
 * made visible as \u202e: one of them in a person's words would turn the
 * rest of the line around on the screen ("evil" shown as "live"), and the
 * text after it too. They are never part of what attach itself writes.
 */
export function noBidi(text: string): string {
  return text.replace(BIDI, (c) => `\\u${hex(c, 4)}`);
}

/** The same characters, for a pattern: JSON on a terminal writes them as \u escapes (the same value). */
export const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, digits: number) => c.charCodeAt(0).toString(16).padStart(digits, '0');
