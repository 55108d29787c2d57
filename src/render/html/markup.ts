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
export function esc(text: string): string {
  return clean(text)
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function write(part: Part, out: string[]): void {
  if (part === null || part === undefined || part === false || part === true) return;
  if (part instanceof Markup) out.push(part.text);
  else if (Array.isArray(part)) for (const p of part as readonly Part[]) write(p, out);
  else out.push(esc(String(part)));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  const out: string[] = [strings[0]!];
  for (let i = 0; i < values.length; i++) {
    write(values[i], out);
    out.push(strings[i + 1]!);
  }
  return new Markup(out.join(''));
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
