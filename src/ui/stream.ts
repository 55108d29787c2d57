/** Where attach writes: stdout for data, stderr for messages; a terminal has columns. */
export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * JSON for a stream: on a terminal, the C1 controls and DEL that
 * JSON.stringify lets through are written as \u escapes (it escapes C0
 * itself), so stored text cannot drive the terminal; the data read back is
 * the same. Piped output is left exactly as JSON.stringify makes it.
 */
export function jsonFor(stream: Stream, value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return stream.isTTY ? text.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** One line on stdout or stderr. */
export function line(stream: Stream, text = ''): void {
  stream.write(`${text}\n`);
}
