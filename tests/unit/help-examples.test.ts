import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as log } from '../../src/commands/log.js';
import { UsageError } from '../../src/errors.js';
import { exampleLines } from '../../src/program/help.js';
import { displayWidth } from '../../src/render/width.js';
import { wrap } from '../../src/render/wrap.js';
import { fakeContext } from '../helpers/fake-context.js';

/*
 * A help example is pasted into a shell: every line but its last ends with a
 * backslash, so the shell joins them again into the command as written (at 40
 * columns `--thought "they are losing interest"` left no room for the backslash,
 * which went to a line of its own, and the pasted command lost its --json).
 */

const EXAMPLES = [
  'attach log "quiet dinner, felt far apart" -i 6 --thought "they are losing interest" --json',
  'attach log "no reply for four hours" -i 7 --who partner -t delayed-reply -b tight-chest,racing-heart -u double-text',
  'attach plan add --when "he doesn\'t reply for hours" --then "take a pause, then call Sam" -t delayed-reply',
  'ATTACH_PASSPHRASE="$(pass show attach)" ATTACH_NEW_PASSPHRASE="$(pass show attach-new)" attach passphrase',
];

/** What a shell reads from the pasted lines: each backslash and the line break after it are one space. */
const pasted = (lines: string[]) =>
  lines
    .map((line) => line.trim())
    .join('\n')
    .replace(/ \\\n/g, ' ');

describe('a help example on a narrow screen', () => {
  for (const width of [40, 50, 60, 80, 120]) {
    it(`pastes back as written at ${width} columns, every continued line ending in a backslash`, () => {
      for (const example of EXAMPLES) {
        const lines = exampleLines(example, width);
        for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
        // A shell word wider than a continued line (ATTACH_NEW_PASSPHRASE="$(...)" at 40 columns) is broken as a last
        // resort, like any word too wide for the screen: there is no pasting it back from such a screen.
        const words = example.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
        if (words.some((word) => displayWidth(word) + 6 > width)) continue;
        for (const line of lines.slice(0, -1)) expect(line, lines.join('\n')).toMatch(/ \\$/);
        expect(lines.at(-1)).not.toMatch(/\\$/);
        expect(pasted(lines)).toBe(example);
      }
    });
  }
});

describe('a command to type in a message', () => {
  it('goes whole onto a line of its own rather than parting after the colon', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-help-'));
    try {
      const error = await log([], {}, fakeContext({ dir }).ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect(wrap((error as Error).message, 80)[0]).toBe(
        'Say what happened, in a few words: attach log "no reply since noon" -i 6 (needed',
      );
      // At 40 columns (39 for the text) the example goes whole onto a line of its own.
      expect(wrap((error as Error).message, 39).slice(0, 2)).toEqual([
        'Say what happened, in a few words:',
        'attach log "no reply since noon" -i 6',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
