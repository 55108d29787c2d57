import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as exportRun } from '../../src/commands/export.js';
import { run as importRun } from '../../src/commands/import.js';
import type { Entry, TriggerEntry } from '../../src/journal/types.js';
import { mdText, renderJournalMarkdown } from '../../src/render/journal-md.js';
import * as make from '../helpers/entries.js';
import { fakeContext } from '../helpers/fake-context.js';

const trigger = (id: string, at: string, over: Partial<TriggerEntry> = {}): Entry =>
  make.trigger({ id, at, recordedAt: at, what: 'no reply', intensity: 5, ...over });
const asIs = (_field: unknown, value: string) => value;

describe('mdText', () => {
  it('escapes what Markdown would act on, and keeps the words', () => {
    expect(mdText("It's fine, really.")).toBe("It's fine, really.");
    expect(mdText('*bold* _it_ `code` [link](x) <img src=x onerror=alert(1)> a|b ~s~ back\\slash')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) &lt;img src=x onerror=alert(1)&gt; a\\|b \\~s\\~ back\\\\slash',
    );
  });

  it("keeps a person's lines inside their list item, none starting a block", () => {
    expect(mdText('first\n# second\n- third\n1. fourth\n===')).toBe('first  \n  \\# second  \n  \\- third  \n  1\\. fourth  \n  \\===');
    expect(mdText('one\n\ntwo\r\nthree')).toBe('one\n\n  two  \n  three');
  });

  it('shows control characters instead of passing them on', () => {
    expect(mdText('a\u001b[31mred')).toBe('a\\\\x1b\\[31mred');
  });
});

describe('renderJournalMarkdown', () => {
  it('groups by the day as lived, oldest first, whatever the order given', () => {
    const md = renderJournalMarkdown(
      [
        trigger('late', '2026-11-23T00:30:00+09:00', { what: 'after midnight in Tokyo' }),
        trigger('early', '2026-11-22T23:50:00-08:00', { what: 'late Sunday in LA' }),
        trigger('mid', '2026-11-22T12:00:00+00:00', { what: 'Sunday noon' }),
      ],
      asIs,
    );
    const headings = md.split('\n').filter((l) => /^#{2,3} /.test(l));
    expect(headings).toEqual([
      '## Sunday 22 November 2026',
      '### 12:00 · A moment that stirred you up · `mid`',
      '### 23:50 · A moment that stirred you up · `early`',
      '## Monday 23 November 2026',
      '### 00:30 · A moment that stirred you up · `late`',
    ]);
    expect(md).toMatch(/^# My attach journal\n\n3 entries, from Sunday 22 November 2026 to Monday 23 November 2026\./);
  });

  it('turns catalogue ids into words through the labeller it is given', () => {
    const md = renderJournalMarkdown(
      [trigger('a', '2026-11-22T12:00:00Z', { triggers: ['delayed-reply', 'my own words'], intensity: 0 })],
      (field, value) => (field.name === 'triggers' && value === 'delayed-reply' ? 'A slow or short reply' : value),
    );
    expect(md).toContain('- Set off by: A slow or short reply, my own words');
    expect(md).toContain('- Intensity: 0 of 10');
  });

  it('says so when there is nothing, and puts entries without a time last', () => {
    expect(renderJournalMarkdown([], asIs)).toContain('No entries here.');
    const md = renderJournalMarkdown([{ id: 'odd', type: 'dream', text: 'falling' }, trigger('a', '2026-11-22T12:00:00Z')], asIs);
    expect(md.indexOf('## Without a date')).toBeGreaterThan(md.indexOf('## Sunday 22 November 2026'));
    expect(md).toContain('### An entry of type "dream" · `odd`');
    expect(md).toContain('- text: falling');
  });
});

describe('attach export and import, in process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'attach-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const withJournal = (entries: Entry[]) => {
    const setup = fakeContext({ dir });
    writeFileSync(setup.ctx.file, JSON.stringify({ version: 1, entries }));
    return setup;
  };

  it('says on a terminal, before the data, that an export is not encrypted', async () => {
    const { ctx, stdout, stderr } = withJournal([trigger('a', '2026-11-22T12:00:00Z')]);
    stdout.isTTY = true;
    await exportRun({ format: 'csv' }, ctx);
    expect(stderr.text).toBe('An export is not encrypted: anyone who gets a copy can read it. Keep it somewhere private.\n');
    expect(stdout.text).toMatch(/^id,type,/);
  });

  it('says it when writing a file from a terminal, and not when piped', async () => {
    const piped = withJournal([trigger('a', '2026-11-22T12:00:00Z')]);
    await exportRun({}, piped.ctx);
    expect(piped.stderr.text).toBe('');
    const { ctx, stderr } = withJournal([trigger('a', '2026-11-22T12:00:00Z')]);
    stderr.isTTY = true;
    stderr.columns = 200;
    const out = path.join(dir, 'export.json');
    await exportRun({ out }, ctx);
    expect(stderr.text).toBe(
      'An export is not encrypted: anyone who gets a copy can read it. Keep it somewhere private.\n' +
        `1 entry written to ${out} (readable only by you).\n`,
    );
  });

  it('does not let stored escape sequences drive the terminal, and JSON stays the same data', async () => {
    const entry = trigger('a', '2026-11-22T12:00:00Z', { what: 'red\u001b[31m and \u009b2J cleared' });
    for (const format of ['csv', 'md', 'json']) {
      const { ctx, stdout } = withJournal([entry]);
      stdout.isTTY = true;
      await exportRun({ format }, ctx);
      expect(stdout.text).not.toMatch(/[\u001b\u009b]/);
      if (format === 'json') expect(JSON.parse(stdout.text).entries[0].what).toBe(entry.what);
    }
    const piped = withJournal([entry]);
    await exportRun({}, piped.ctx);
    expect(JSON.parse(piped.stdout.text).entries[0].what).toBe(entry.what);
  });

  it('lists at most ten conflicting ids', async () => {
    // Imported ids must be UUIDs (issue 13).
    const ours = Array.from({ length: 12 }, (_, i) =>
      trigger(`${String(i).padStart(8, '0')}-1b7a-4c1e-9a55-0b1c9f3e2a71`, '2026-11-22T12:00:00Z'),
    );
    const { ctx, stderr } = withJournal(ours);
    const file = path.join(dir, 'theirs.json');
    writeFileSync(file, JSON.stringify({ version: 1, entries: ours.map((e) => ({ ...e, intensity: 9 })) }));
    await importRun(file, {}, ctx);
    expect(stderr.text).toContain(
      'Nothing new was added; 12 differed (kept yours: 00000000, 00000001, 00000002, 00000003, 00000004, 00000005, 00000006, 00000007, ' +
        '00000008, 00000009 and 2 more).',
    );
  });
});
