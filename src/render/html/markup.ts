import { clean } from '../clean.js';

/*
 * Escaping by construction: markup is only ever made by the `html` tag, which
 * escapes every value put into it unless that value is itself markup. A
 * person's words can therefore reach the page only as text, in an element or
 * in an attribute, never as a tag.
 */

export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may go into a template: markup as it is, anything else as escaped text; nothing for null, undefined and false. */
export type Part = Markup | string | number | boolean | null | undefined | readonly Part[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe inside an element and inside a double- or single-quoted
 * attribute. Control characters are shown as \xNN (as on the terminal), and
 * so are the bidi embeddings, overrides and isolates, which would otherwise
 * reorder the page's own words after them ("3 times" read backwards).
 */
// Most text has none of these: one test, and it is returned as it is (a long report has tens of thousands of cells).
const NEEDS_WORK = /[&<>"'\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function esc(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return clean(text)
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function text(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof Markup) return part.text;
  if (Array.isArray(part)) {
    let out = '';
    for (const p of part as readonly Part[]) out += text(p);
    return out;
  }
  return esc(String(part));
}

// Plain concatenation: V8 keeps the pieces as a rope, so nesting templates does not copy a long page again at every level.
export function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += text(values[i]) + strings[i + 1]!;
  return new Markup(out);
}

/** A number for an attribute or a coordinate: at most two decimals, so the page stays small. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Means read with one decimal, as in the text report; a dash where there is none. */
export function one(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
