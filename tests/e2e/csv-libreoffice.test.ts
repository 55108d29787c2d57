import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeJournal } from '../../src/journal/format.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { journalOf, trigger } from '../helpers/entries.js';

/*
 * Issue 13: an exported CSV opened in LibreOffice (headless, where the
 * machine has it: Debian's libreoffice-calc-nogui) runs none of a person's
 * words as a formula, whether the sheet splits on commas or, as it does
 * where the decimal comma is used, on semicolons. Every formula below would
 * show 1337 if it ran.
 */

const soffice = spawnSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;

const FORMULAS = ['=1000+337', '\u0000=1000+337', '\u0000\u0001=1000+337', 'a;=1000+337;b', 'x,=1000+337', '\t=1000+337'];

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

/** The sheet LibreOffice reads from `csv`, split on `separator` (a character code), written back as CSV with every value. */
function throughLibreOffice(csv: string, separator: number): string {
  const dir = path.join(box.dir, `lo-${separator}`);
  mkdirSync(dir, { recursive: true });
  const input = path.join(dir, 'entries.csv');
  writeFileSync(input, csv);
  const out = path.join(dir, 'out');
  const run = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(box.dir, 'lo-profile')}`,
      '--headless',
      `--infilter=CSV:${separator},34,76,1`,
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      out,
      input,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(path.join(out, 'entries.csv'), 'utf8');
}

describe.skipIf(!soffice)('an exported CSV in LibreOffice', () => {
  it('runs no formula, split on commas or on semicolons', () => {
    const entries = FORMULAS.map((text, i) =>
      trigger({
        id: `5f0c2d9e-1b7a-4c1e-9a55-0b1c9f3e2a7${i}`,
        what: text,
        thought: `before ${text}`,
        body: [text, 'walk'],
        urges: ['walk', text],
        note: text,
      }),
    );
    mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
    writeFileSync(box.journal, serializeJournal(journalOf(...entries)), { mode: 0o600 });
    const exported = attach(box, ['export', '--format', 'csv']);
    expect(exported.code, exported.stderr).toBe(0);
    // The check is only worth something if the sheet does run a formula it is given.
    const control = throughLibreOffice('a,b\r\n=1000+337,\u0000=1000+337\r\n', 44);
    expect(control).toContain('1337');

    for (const separator of [44, 59]) {
      const sheet = throughLibreOffice(exported.stdout, separator);
      expect(sheet, `split on ${String.fromCharCode(separator)}`).not.toContain('1337');
      expect(sheet).toContain('=1000+337');
    }
  }, 300_000);
});
