import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fieldLabeller } from '../../src/catalogue/catalogue.js';
import { newEntry } from '../../src/journal/entries.js';
import { clean } from '../../src/render/clean.js';
import { entryDetail, entryLine } from '../../src/render/entries.js';
import { jsonFor } from '../../src/ui/stream.js';
import { ROOT } from '../helpers/cli.js';

/*
 * Words, not fields, and plain text: what attach says never shows a field's
 * name or a catalogue's id, never wears Markdown's backticks (a command to
 * type is bold where colour is on, plain where not), and never lets a
 * person's bidirectional controls turn the screen around.
 */

const now = new Date('2026-11-28T12:00:00Z');
const label = fieldLabeller();

describe('entries in words', () => {
  it('names a follow-up, a reflection, a pause and a glimmer by their words', () => {
    const at = '2026-11-22T21:14:00-08:00';
    const entries = [
      newEntry('follow-up', { at, for: 'x', fear: 'did-not', asked: null, landed: null, happened: null, intensity: null }, now),
      newEntry('follow-up', { at, for: 'x', fear: null, asked: 'yes', landed: 'partly', happened: null, intensity: null }, now),
      newEntry('reflection', { at, protest: ['withdrawing'], needs: ['reassurance'] } as never, now),
      newEntry(
        'pause',
        {
          at,
          urge: 'double-text',
          before: 8,
          after: 4,
          passed: true,
          plannedSeconds: 1200,
          elapsedSeconds: 720,
          completed: false,
          next: 'ask-directly',
        } as never,
        now,
      ),
      newEntry('glimmer', { at, what: '', kinds: ['cared-for'] } as never, now),
    ];
    const rows = entries.map((entry) => entryLine(entry, now, undefined, label).split(/ {2,}/).slice(2).join('  '));
    expect(rows).toEqual([
      "follow-up  No, it didn't come true",
      'follow-up  Yes, I asked; Partly',
      'reflection  Withdrawing: going silent or pulling away',
      'pause  8→4  Text again, the urge passed',
      'glimmer  I felt cared for',
    ]);
    const pause = entryDetail(entries[3]!, [], now, label).join('\n');
    expect(pause).toMatch(/^pause · Sun 22 Nov 21:14/);
    expect(pause).toMatch(/planned +20 minutes\npaused +12 minutes/);
    expect(pause).toMatch(/the urge +Text again/);
    expect(pause).toMatch(/what next +Ask directly for what I need/);
    expect(pause).not.toMatch(/plannedSeconds|double-text|ask-directly/);
  });

  it('keeps a row of list on one line: breaks shown as ↵, cut by display width', () => {
    const entry = newEntry('trigger', { at: '2026-11-22T21:14:00-08:00', what: '彼からの返事が\nまだない', intensity: 7 } as never, now);
    expect(entryLine(entry, now)).toContain('彼からの返事が ↵ まだない');
    expect(entryLine(entry, now, 30)).toBe(`${entry.id.slice(0, 8)} 22 Nov  7  彼からの…`);
  });
});

describe('bidirectional controls', () => {
  it('are shown, never obeyed, in text and in JSON on a terminal (where the value stays the same)', () => {
    expect(clean('abc\u202eevil\u2066x\u2069')).toBe('abc\\u202eevil\\u2066x\\u2069');
    const json = jsonFor({ write: () => true, isTTY: true }, { what: 'a\u202eb' });
    expect(json).toContain('a\\u202eb');
    expect(JSON.parse(json).what).toBe('a\u202eb');
    expect(jsonFor({ write: () => true }, { what: 'a\u202eb' })).toContain('a\u202eb');
  });
});

describe('plain text', () => {
  it('has no Markdown backticks around a command in any message', () => {
    const found: string[] = [];
    const dir = path.join(ROOT, 'src');
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      // Markdown and HTML are formats of their own, where code is marked as code.
      if (!file.endsWith('.ts') || /(^|\/)(html|.*-md\.ts$)/.test(file) || file.endsWith('journal-md.ts')) continue;
      const text = readFileSync(path.join(dir, file), 'utf8');
      const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
          const literal = node.getText(tree);
          if (/\\?`attach /.test(literal.slice(1, -1))) found.push(`${file}: ${literal}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(tree);
    }
    expect(found).toEqual([]);
  });
});
