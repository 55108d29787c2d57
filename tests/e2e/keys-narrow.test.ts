import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeJournal } from '../../src/journal/format.js';
import { trigger } from '../helpers/entries.js';
import { KEY } from '../helpers/pty.js';
import { typedSession } from '../helpers/typed-session.js';
import { screenOf } from '../helpers/vt.js';

/*
 * reflect typed on a terminal 40 columns wide, where the question "What did
 * you do? ..." ends three columns short of the edge: an answer to a list of
 * ticks, or no answer, leaves nothing after it but itself (a lone "x" was
 * shown under the question, and "x Closeness" for a need ticked).
 */

const COLS = 40;
const { newBox, start, entries } = typedSession(COLS);
/** A row that is, or starts with, a lone "x": the end of the placeholder that measures a question's last line. */
const STRAY = /^\s*x(\s|$)/;

describe('answers to lists of ticks at 40 columns', () => {
  it('Enter on "What did you do?" leaves no stray x, nor does a need ticked', async () => {
    const term = start(newBox(), ['reflect', '--for', 'none']);
    await term.waitFor('? What did you do?');
    term.type(KEY.enter);
    await term.waitFor('? What happened just before?');
    term.type(KEY.enter);
    await term.waitFor('? Underneath it, what were you needing?');
    term.type(KEY.down, KEY.down, KEY.down, KEY.space, KEY.enter);
    await term.waitFor('? What did you hope would happen?');
    const { rows, wrapped } = await screenOf(term.raw, COLS);
    expect(
      rows.filter((row) => STRAY.test(row)),
      rows.join('\n'),
    ).toEqual([]);
    expect(wrapped, rows.join('\n')).toEqual([]);
    const asked = rows.findIndex((row) => row.startsWith('✔ What did you do?'));
    expect(rows.slice(asked, asked + 3)).toEqual([
      '✔ What did you do? Pick what fits; only',
      '  you can say whether it was protest.',
      '✔ What happened just before?',
    ]);
    const needs = rows.findIndex((row) => row.startsWith('✔ Underneath it'));
    expect(rows[needs + 1]).toMatch(/^ {2}\S/);
    term.type(KEY.ctrlC);
  });
});

describe('the entries an id could mean, at 40 columns', () => {
  it('each starts where its line does, its words going on further in', async () => {
    const box = newBox();
    const what = 'when he does not reply for hours I spiral and text again';
    const entries = ['ab12cd34', 'ab12ff00'].map((id) => trigger({ id: `${id}-1b7a-4c1e-9a55-0b1c9f3e2a71`, what }));
    mkdirSync(path.dirname(box.journal), { recursive: true });
    writeFileSync(box.journal, serializeJournal({ version: 1, entries }));
    const term = start(box, ['show', 'ab12']);
    await term.exit();
    const { rows } = await screenOf(term.raw, COLS);
    const listed = rows.slice(rows.findIndex((row) => row.startsWith('  ab12')));
    expect(
      listed.filter((row) => /^ {2}\S/.test(row)).map((row) => row.slice(2, 10)),
      rows.join('\n'),
    ).toEqual(['ab12ff00', 'ab12cd34']);
    for (const row of listed.filter((row) => row.trim() && !/^ {2}ab12/.test(row))) expect(row, rows.join('\n')).toMatch(/^ {6}\S/);
  });
});

describe('reflect with Enter on every question', () => {
  it('saves nothing and says so, rather than thanking for a look not taken', async () => {
    const box = newBox();
    const term = start(box, ['reflect', '--for', 'none']);
    for (let asked = 0; asked < 20; asked++) {
      const [seen] = await term.waitFor(/(?:^|\n)\? [^\n]+|Nothing was written down this time/);
      if (seen?.startsWith('Nothing')) break;
      term.type(KEY.enter);
    }
    await term.waitFor('nothing was saved.');
    expect(term.text).not.toContain('Thank you');
    expect((await term.exit()).exitCode).toBe(0);
    expect(entries(box)).toEqual([]);
  });
});

describe('a list of ticks, typed at', () => {
  it('ticks nothing for the strength typed one question early; the number goes where it was meant', async () => {
    const box = newBox();
    const term = start(box, ['log']);
    await term.waitFor('? What happened?');
    term.type('He cancelled again', KEY.enter);
    await term.waitFor('? Who was it with?');
    term.type(KEY.enter);
    await term.waitFor('? What set it off?');
    term.type('8', KEY.enter);
    await term.waitFor('? How strong is it right now?');
    term.type('8', KEY.enter);
    await term.waitFor('? Where do you feel it in your body?');
    term.type(KEY.ctrlC);
    await term.exit();
    const rows = (await screenOf(term.raw, COLS)).rows;
    const asked = rows.findIndex((row) => row.startsWith('✔ What set it off?'));
    expect(rows[asked], rows.join('\n')).toBe('✔ What set it off?');
    expect(rows.some((row) => row.startsWith('✔ How strong is it right now? 8'))).toBe(true);
  });
});
