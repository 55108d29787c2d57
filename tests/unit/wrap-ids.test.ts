import { describe, expect, it } from 'vitest';
import { newTrigger } from '../../src/journal/entries.js';
import { entryDetail } from '../../src/render/entries.js';
import { displayWidth } from '../../src/render/width.js';
import { wrap } from '../../src/render/wrap.js';
import { createAsker, type PromptFn } from '../../src/ui/prompts.js';

/*
 * An id is copied, so it is never split; and an answer to a list of ticks
 * starts where its question's last line really ends, so nothing of the
 * placeholder that measures that line is ever shown (at 40 columns an "x" was).
 */

const now = new Date('2026-11-28T12:00:00Z');
const entry = { ...newTrigger({ what: 'a moment', intensity: 5 }, now), id: 'cb9def4f-8f5f-4788-ba73-05b41769686f' };

describe('an id on a narrow screen', () => {
  it('goes whole on the line under its label at 40 columns, never split', () => {
    const lines = entryDetail(entry, [], now, undefined, undefined, 40);
    const at = lines.indexOf('id');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(`  ${entry.id}`);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });

  it('sits beside its label where it fits, and stays whole on a screen narrower than itself', () => {
    expect(entryDetail(entry, [], now, undefined, undefined, 80)).toContain(`id             ${entry.id}`);
    const narrow = entryDetail(entry, [], now, undefined, undefined, 30);
    expect(narrow.slice(1, 3)).toEqual(['id:', entry.id]);
  });

  it('wrap starts a word that fits the line but not after its hang further left, rather than cutting it', () => {
    expect(wrap(`id             ${entry.id}`, 40, ' '.repeat(15))).toEqual(['id', `    ${entry.id}`]);
    expect(wrap(`- call 1-800-799-7233`, 14)).toEqual(['- call', '1-800-799-7233']);
  });
});

describe('the answer to a list of ticks', () => {
  const answered = async (message: string, picked: string[], width: number) => {
    let shown = '';
    const run = async (_prompt: PromptFn, config: Record<string, unknown>) => {
      const theme = config.theme as { style: { renderSelectedChoices: (p: { short: string }[]) => string } };
      shown = theme.style.renderSelectedChoices(picked.map((short) => ({ short })));
      return [];
    };
    await createAsker(run, () => width).many({ message, choices: [] });
    return shown;
  };

  it('shows nothing of its placeholder at 40 columns, where the question ends a column short of the edge', async () => {
    const message = 'What did you do? Pick what fits; only you can say whether it was protest.';
    expect(await answered(message, [], 40)).toBe('');
    expect(await answered(message, ['Closeness'], 40)).toBe('\n  Closeness');
    // A question of one line, exactly as wide as the line leaves room for.
    expect(await answered('Underneath it, what were you needing?', ['Closeness'], 40)).toBe('\n  Closeness');
  });

  it('holds no "x" at any width, for any question', async () => {
    const message = 'What did you do? Pick what fits; only you can say whether it was protest.';
    for (let width = 20; width <= 140; width++) {
      for (const words of [message, 'Underneath it, what were you needing?', 'Where do you feel it in your body?']) {
        expect(await answered(words, [], width), `${width} columns`).toBe('');
        expect(await answered(words, ['Closeness'], width), `${width} columns`).toMatch(/^\n? *Closeness$/);
      }
    }
  });
});
