/*
 * A person's words inside Markdown (the journal export and the report a
 * person may hand a therapist, whose viewer may render HTML): whatever they
 * typed reads as typed, and nothing in it can turn into HTML, a link, an
 * image, a heading, a list, a quote, a rule, a table, emphasis or code, in
 * CommonMark or in GitHub's dialect (tables, strikethrough, bare URLs).
 * Pure: text in, text out.
 */

/**
 * One line of a person's words, escaped:
 * - `\` `` ` `` `*` `_` `[` `]` `~` `|` get a backslash (emphasis, code,
 *   links and images, strikethrough, table cells);
 * - `&` `<` `>` become `&amp;` `&lt;` `&gt;` (HTML, autolinks, entities:
 *   `&amp;` typed shows as typed);
 * - the dot of a domain (`e.com`, `www.e`), the colon of `://` and the `@`
 *   of an address get a backslash, so a bare URL is not made a link;
 * - at its start (where a block may begin), leading blanks are dropped and
 *   `#` `=` `+` `-` and a `1.` / `1)` before a blank get a backslash.
 */
export function mdLine(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~|]/g, '\\$&')
    .replace(/(?<=[A-Za-z0-9])\.(?=[A-Za-z])/g, '\\.')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(?<=[A-Za-z0-9._%+-])@(?=[A-Za-z0-9])/g, '\\@')
    .replace(/^[ \t]+/, '')
    .replace(/^[#=+-]/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
}

/** Words in one table cell or one line: line breaks become spaces, then escaped as one line. */
export function mdCell(text: string): string {
  return mdLine(text.replace(/\s*[\r\n]+\s*/g, ' '));
}
