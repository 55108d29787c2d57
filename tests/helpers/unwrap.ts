import { displayWidth } from '../../src/render/width.js';

/**
 * Messages as one line each again, for tests that read a message as a line:
 * attach breaks a message at 80 columns when its stream is not a terminal
 * (render/wrap.ts), and it breaks a line only where the next word would not
 * fit. So a line followed by one whose first word (or command held together)
 * would have fitted after it ended a message; otherwise the two are one
 * message, broken for the width.
 * An indented line (a list, a candidate) is never joined.
 */
export function unwrap(text: string, width = 80): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let last = '';
  for (const line of lines) {
    // The first unit the wrapper could have had: a word; "attach log" (held together); a whole command to type; a
    // quoted phrase held together ("sunday 9pm").
    const words = line.split(' ');
    const units = [words[0] ?? ''];
    const quoted = /^"[^"]*"\S*/.exec(line);
    if (quoted) units.push(quoted[0]);
    if (words[0] === 'attach' && words.length > 1) {
      units.push(`${words[0]} ${words[1]}`);
      // A command held together is a few words, up to the end of its sentence or the words in brackets after it.
      const command = line.split(/[.;] | \(/)[0]!;
      if (command.split(' ').length <= 12) units.push(command);
    }
    const prev = out.length ? last : undefined;
    const tooLong = (unit: string) => displayWidth(prev ?? '') + 1 + displayWidth(unit) > width;
    // (A line exactly as wide as the width could be either: it is read as broken. A test that meets one says so.)
    if (prev !== undefined && prev !== '' && line !== '' && !line.startsWith(' ') && units.some(tooLong)) {
      out[out.length - 1] = `${out.at(-1)} ${line}`;
    } else out.push(line);
    last = line;
  }
  return out.join('\n');
}

/** Text without its spaces and breaks: a message broken for 80 columns (a long path parted after a /) reads as one. */
export const squashed = (text: string): string => text.replace(/\s+/g, '');
