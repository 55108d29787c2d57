import { displayWidth } from '../../src/render/width.js';

/**
 * Messages as one line each again, for tests that read a message as a line:
 * attach breaks a message at 80 columns when its stream is not a terminal
 * (render/wrap.ts), and it breaks a line only where the next word would not
 * fit. So a line followed by one whose first word would have fitted after it
 * ended a message; otherwise the two are one message, broken for the width.
 * An indented line (a list, a candidate) is never joined.
 */
export function unwrap(text: string, width = 80): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let last = '';
  for (const line of lines) {
    const first = line.split(' ')[0] ?? '';
    const prev = out.length ? last : undefined;
    if (prev !== undefined && prev !== '' && line !== '' && !line.startsWith(' ') && displayWidth(prev) + 1 + displayWidth(first) > width) {
      out[out.length - 1] = `${out.at(-1)} ${line}`;
    } else out.push(line);
    last = line;
  }
  return out.join('\n');
}
