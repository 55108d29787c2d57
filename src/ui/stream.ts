import { BIDI, noBidi } from '../render/clean.js';
import { wrapText } from '../render/wrap.js';

/** Where attach writes: stdout for data, stderr for messages; a terminal has columns. */
export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What a line is wrapped to when its stream is not a terminal: a file, a pipe, a log. */
export const DEFAULT_WIDTH = 80;

/** The columns of the stream text goes to: the terminal's width, else 80. */
export function widthOf(stream: Stream): number {
  return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_WIDTH;
}

/**
 * JSON for a stream: on a terminal, the C1 controls, DEL and the
 * bidirectional controls that JSON.stringify lets through are written as \u
 * escapes (it escapes C0 itself), so stored text cannot drive the terminal;
 * the data read back is the same. Piped output is left exactly as
 * JSON.stringify makes it.
 */
export function jsonFor(stream: Stream, value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  const unicode = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return stream.isTTY ? text.replace(/[\u007f-\u009f]/g, unicode).replace(BIDI, unicode) : text;
}

/** A value as JSON on its own lines: data, never wrapped. */
export function writeJson(stream: Stream, value: unknown): void {
  stream.write(`${jsonFor(stream, value)}\n`);
}

/** One line on stdout or stderr, exactly as given: data already laid out for its width (a row, a table). */
export function line(stream: Stream, text = ''): void {
  stream.write(`${text}\n`);
}

/**
 * A message (or any prose) on its stream, broken between words to the
 * stream's width; `hang` starts the lines after the first. A bidirectional
 * control, never attach's own, is shown rather than obeyed.
 */
export function say(stream: Stream, text = '', hang?: string): void {
  stream.write(`${wrapText(noBidi(text), widthOf(stream), hang)}\n`);
}
