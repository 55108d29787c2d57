import xterm from '@xterm/headless';

/*
 * What a terminal of a given width really shows for some output: the bytes
 * are played into a headless xterm.js, and its buffer read back. A line
 * attach wrote wider than the terminal shows up as a line the terminal had
 * to wrap itself (`isWrapped` on the row after it), which is what the screen
 * tests look for; the rows are the screen as a person sees it, prompts
 * redrawn and cleared as they were.
 */

export interface Screen {
  /** Each row as shown, trailing spaces trimmed. */
  rows: string[];
  /** Rows the terminal had to wrap (0-based, the row that continues a line too wide). */
  wrapped: number[];
}

export async function screenOf(output: string, cols: number): Promise<Screen> {
  const term = new xterm.Terminal({ cols, rows: 50, scrollback: 10_000, allowProposedApi: true });
  // A pseudo-terminal turns \n into \r\n; output captured elsewhere may not have.
  await new Promise<void>((resolve) => term.write(output.replace(/\r?\n/g, '\r\n'), resolve));
  const buffer = term.buffer.active;
  const rows: string[] = [];
  const wrapped: number[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i)!;
    if (line.isWrapped) wrapped.push(i);
    rows.push(line.translateToString(true));
  }
  while (rows.length && rows.at(-1) === '') rows.pop();
  term.dispose();
  return { rows, wrapped: wrapped.filter((i) => i < rows.length) };
}

/** The words of a screen, as a multiset: trailing punctuation a layout may add (a label's colon) set aside. */
export function wordsOf(rows: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of rows.join(' ').split(/\s+/)) {
    const bare = word.replace(/[:\\]+$/, '');
    if (bare) counts.set(bare, (counts.get(bare) ?? 0) + 1);
  }
  return counts;
}
