import { describe, expect, it } from 'vitest';
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
const { newBox, start } = typedSession(COLS);
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
