import { command, NBSP, together } from '../held-together.js';
import { displayWidth, graphemes } from './width.js';

/*
 * Lines that fit the terminal they are shown on, broken between words
 * (VOICE.md). The one place attach breaks text: messages, help, reports and
 * tables all come through here, given the width of the stream they go to.
 *
 * - Only a space breaks. A no-break space (U+00A0) holds words together and
 *   is written as a plain space: `command()` uses it so a command to type is
 *   never split, and "attach" followed by one of its commands is held together
 *   on its own. A phone number, an address or an id has no space to break at.
 * - A line keeps its own indent, and a list item ("- ", "• ", "1. ") hangs:
 *   its next lines start under its first word. A caller can give the hang
 *   itself (a table's value column).
 * - Only a word wider than the whole line is cut (after a "/" where it can
 *   be, for a path), so that no line is ever wider than `width`. A word that
 *   fits the line but not after its indent starts further left instead.
 * - Colours carry over a break: a dim sentence stays dim on its next line,
 *   and no line ends with a colour still open.
 */

/** attach's commands: "attach log" is one unit wherever it is written. */
const COMMANDS = new Set([
  'log',
  'pause',
  'reflect',
  'report',
  'list',
  'show',
  'edit',
  'delete',
  'export',
  'import',
  'doctor',
  'config',
  'follow-up',
  'glimmer',
  'plan',
  'progress',
  'encrypt',
  'decrypt',
  'passphrase',
  'undo',
  'merge',
  'help',
]);
const SGR = /\u001b\[([0-9;]*)m/g;
const LEAD = /^( *)((?:[-*•]|\d{1,2}[.)]) +)?/;

export { command, together };

interface Token {
  gap: string;
  word: string;
}

const plain = (text: string) => text.replace(SGR, '');

function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(/( *)([^ ]+)/g)) {
    const [, gap = '', word = ''] = match;
    const last = found.at(-1);
    // "attach" and the command after it are one unit.
    if (last && plain(last.word) === 'attach' && COMMANDS.has(plain(word).replace(/[.,;:)]+$/, ''))) {
      last.word += NBSP + word;
      continue;
    }
    found.push({ gap, word });
  }
  return found;
}

/**
 * A word wider than `room` in pieces that fit: words held together (a
 * command) part at their own spaces first; a single word is cut, after the
 * last "/" of a piece when it has one.
 */
function pieces(word: string, room: number, byQuotes = true): string[] {
  if (!word.includes(NBSP)) return cut(word, room);
  // A quoted phrase in a command ("she texted good luck") parts only when it alone is wider than the line.
  const quoted = byQuotes && plain(word).includes('"');
  const parts = quoted ? (word.match(/(?:[^\u00a0"]+|"[^"]*"?)+/g) ?? [word]) : word.split(NBSP);
  const out: string[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last !== undefined && displayWidth(last) + 1 + displayWidth(part) <= room) out[out.length - 1] = `${last} ${part}`;
    else if (displayWidth(part) <= room) out.push(part);
    else out.push(...(quoted ? pieces(part, room, false) : cut(part, room)));
  }
  return out;
}

function cut(word: string, room: number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let used = 0;
  for (const part of graphemes(plain(word))) {
    const w = displayWidth(part);
    if (used + w > room && current.length) {
      const slash = current.lastIndexOf('/');
      // A path parts after its last "/" that fits, so a file's name stays whole where it can.
      const cut = slash >= 1 && slash < current.length - 1 ? slash + 1 : current.length;
      out.push(current.slice(0, cut).join(''));
      current = current.slice(cut);
      used = displayWidth(current.join(''));
    }
    current.push(part);
    used += w;
  }
  if (current.length) out.push(current.join(''));
  return out;
}

function wrapOne(text: string, width: number, hang?: string): string[] {
  if (displayWidth(text) <= width && !text.includes(NBSP)) return [text];
  const lead = LEAD.exec(text)?.[0] ?? '';
  const next = hang ?? ' '.repeat(displayWidth(lead));
  const lines: string[] = [];
  let line = lead;
  let used = displayWidth(lead);
  let empty = true;
  for (const { gap, word } of tokens(text.slice(lead.length))) {
    const w = displayWidth(word);
    if (!empty && used + gap.length + w <= width) {
      line += gap + word;
      used += gap.length + w;
      continue;
    }
    if (!empty) {
      lines.push(line);
      line = next;
      used = displayWidth(next);
    }
    // A word that fits the line but not after its indent or hang (an id under a table's label, an address) starts
    // only as far in as leaves it room: cutting it there split a word that had a whole line to fit on.
    if (w > width - used && w <= width && /^ *$/.test(line)) {
      line = ' '.repeat(width - w);
      used = width - w;
    }
    // A word wider than the whole line is cut; nothing else ever is.
    const room = Math.max(1, width - used);
    const cut = w > room ? pieces(word, room) : [word];
    for (const piece of cut.slice(0, -1)) {
      lines.push(line + piece);
      line = next;
      used = displayWidth(next);
    }
    line += cut.at(-1)!;
    used += displayWidth(cut.at(-1)!);
    empty = false;
  }
  lines.push(line);
  return carryColours(lines).map((l) => l.replaceAll(NBSP, ' '));
}

/** Closes the colours open at the end of a line and opens them again after the next line's indent. */
function carryColours(lines: string[]): string[] {
  if (!lines.some((l) => l.includes('\u001b'))) return lines;
  let open: string[] = [];
  return lines.map((l) => {
    const indent = /^ */.exec(l)![0];
    const reopened = open.length ? indent + open.join('') + l.slice(indent.length) : l;
    for (const [, codes = ''] of l.matchAll(SGR)) open = applyCodes(open, codes);
    return open.length ? `${reopened}\u001b[0m` : reopened;
  });
}

/** The family a closing code ends: 22 ends bold and dim, 39 a foreground colour, 49 a background. */
function closes(code: number): (open: number) => boolean {
  if (code === 22) return (o) => o === 1 || o === 2;
  if (code >= 23 && code <= 29) return (o) => o === code - 20;
  if (code === 39) return (o) => (o >= 30 && o <= 38) || (o >= 90 && o <= 97);
  if (code === 49) return (o) => (o >= 40 && o <= 48) || (o >= 100 && o <= 107);
  return () => false;
}

function applyCodes(open: string[], codes: string): string[] {
  const list = codes === '' ? [0] : codes.split(';').map(Number);
  if (list.includes(0)) return [];
  const first = list[0]!;
  const ends = closes(first);
  if (first === 22 || (first >= 23 && first <= 29) || first === 39 || first === 49)
    return open.filter((seq) => !ends(Number(seq.slice(2, -1).split(';')[0])));
  return [...open, `\u001b[${codes}m`];
}

/**
 * `text` as lines of at most `width` columns (each line of a text that has
 * several wrapped on its own). `hang` starts every line after a line's first.
 */
export function wrap(text: string, width: number, hang?: string): string[] {
  const w = Math.max(1, Math.floor(width));
  return text.split('\n').flatMap((line) => wrapOne(line, w, hang));
}

/** The same, as one string, for writing. */
export function wrapText(text: string, width: number, hang?: string): string {
  return wrap(text, width, hang).join('\n');
}
