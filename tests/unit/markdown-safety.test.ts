import { spawnSync } from 'node:child_process';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import { newEntry } from '../../src/journal/entries.js';
import type { Entry } from '../../src/journal/types.js';
import { renderJournalMarkdown } from '../../src/render/journal-md.js';
import { renderMarkdown } from '../../src/render/report-md.js';
import { dayOf } from '../../src/time/calendar.js';

/*
 * Issue 13: in both Markdown outputs (`export --format md` and `report
 * --format md`), no text of the person's can produce HTML, a link, an
 * image, a heading, a list, a table, a quote, emphasis or code, and `&` is
 * escaped (`&amp;` typed shows as typed). Checked by rendering with a
 * CommonMark library, markdown-it, with raw HTML and bare-URL links turned
 * on (the most a viewer might do): every document is rendered twice, once
 * with hostile words in every field and once with plain words of the same
 * shape, and the two token trees must be the same but for the text. Where
 * Debian's cmark-gfm is installed, the same is checked of its HTML.
 */

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![y](http://e.vil/p.png)',
  '<http://e.vil/auto>',
  'see https://e.vil/a and www.e.vil and e.com, or write to me@e.com',
  '# a heading',
  '- a list item',
  '1. an ordered one',
  '+ another',
  '> a quote',
  '**strong** _em_ ~~struck~~ `code`',
  '&amp; &lt;b&gt; &#60;i&#62; & more',
  '| a | b |',
  '[ref]: http://e.vil',
  'back\\slash \\* \\<',
  '---',
  '<!-- a comment -->',
  '<div>block html</div>',
  '    four spaces first',
];
/** Several lines: each must stay text inside its own item, a table or a block never formed. */
const HOSTILE_LINES = [
  'first line\n| a | b |\n|---|---|\n| c | d |',
  'text\n===\n\n# heading after a blank\n- item\n> quote\n```\ncode\n```',
  'a\n<script>\nb\n\n<div>\n\n    indented code',
];

/** Words of the same shape without anything Markdown acts on: a line for a line, a blank for a blank. */
const plainLike = (text: string, i: number) =>
  text
    .split('\n')
    .map((row) => (row.trim() === '' ? '' : `plain${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`))
    .join('\n');

const md = new MarkdownIt({ html: true, linkify: true });

/** The token tree without its text: types and nesting, text runs merged. */
function shape(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.type === 'text' && out.at(-1) === 'text') continue;
    out.push(token.type === 'fence' || token.type === 'code_block' ? `${token.type}:${token.content}` : token.type);
    if (token.children) out.push(...shape(token.children).map((type) => `  ${type}`));
  }
  return out;
}

function sameShape(hostile: string, plain: string): void {
  expect(shape(md.parse(hostile, {}))).toEqual(shape(md.parse(plain, {})));
  // Neither document makes a link, an image, HTML of its own or a quote anywhere.
  expect(md.render(hostile)).not.toMatch(/<(script|img|a |div|blockquote|s>|pre|!--)/);
}

/** Every text field holds words(i); catalogue fields hold them as the person's own words. */
function journal(words: (i: number) => string): Entry[] {
  const entries: Entry[] = [];
  let i = 0;
  const next = () => words(i++);
  // Sunday evenings, eight weeks running, for the report's patterns.
  for (let week = 0; week < 8; week++) {
    const at = new Date(Date.UTC(2026, 9, 4 + 7 * week, 3, 30));
    const trigger = newEntry(
      'trigger',
      {
        what: next(),
        who: next(),
        triggers: [next(), next()],
        intensity: 7,
        body: [next()],
        thought: next(),
        urges: [next()],
        protest: [next()],
        instead: next(),
        tags: [next()],
        note: next(),
        reachedOut: [next()],
      },
      at,
    );
    entries.push(trigger);
    entries.push(
      newEntry(
        'pause',
        {
          for: trigger.id,
          urge: next(),
          plannedSeconds: 600,
          elapsedSeconds: 600,
          completed: true,
          before: 7,
          after: 3,
          passed: true,
          activities: [next()],
          notes: [next(), next()],
          next: next(),
        },
        new Date(at.getTime() + 600_000),
      ),
    );
    entries.push(
      newEntry(
        'reflection',
        {
          for: trigger.id,
          protest: [next()],
          situation: next(),
          needs: [next()],
          hoped: next(),
          happened: next(),
          felt: next(),
          ask: next(),
        },
        new Date(at.getTime() + 3_600_000),
      ),
    );
    entries.push(newEntry('follow-up', { for: trigger.id, happened: next(), fear: 'did-not' }, new Date(at.getTime() + 7_200_000)));
    entries.push(newEntry('glimmer', { what: next(), who: next(), kinds: [next()], body: [next()] }, new Date(at.getTime() + 9_000_000)));
  }
  return entries;
}

const ALL = [...HOSTILE, ...HOSTILE_LINES];
const hostileWords = (i: number) => ALL[i % ALL.length]!;
const plainWords = (i: number) => plainLike(ALL[i % ALL.length]!, i % ALL.length);
const asIs = (_field: unknown, value: string) => value;

function report(entries: Entry[]): string {
  const period = { from: dayOf('2026-10-01'), to: dayOf('2026-11-29') };
  const data = buildReport(entries, period, 8, (_kind, name) => name, dayOf('2026-11-29'));
  return renderMarkdown(data, (_kind, name) => name);
}

describe('the journal as Markdown (export --format md)', () => {
  it('is the same tree with hostile words in every field as with plain ones', () => {
    const hostile = renderJournalMarkdown(journal(hostileWords), asIs);
    sameShape(hostile, renderJournalMarkdown(journal(plainWords), asIs));
    // What was typed is shown as typed.
    const html = md.render(hostile);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&amp;amp; &amp;lt;b&amp;gt; &amp;#60;i&amp;#62; &amp; more');
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).toContain('# a heading');
  });
});

describe('the report as Markdown (report --format md)', () => {
  it('is the same tree with hostile own words (triggers, body, urges, protest, needs, support, glimmers) as with plain ones', () => {
    const hostile = report(journal(hostileWords));
    const plain = report(journal(plainWords));
    // The period has what the report shows: its tables, patterns and the loop's sentences.
    expect(plain).toContain('## What set things off');
    expect(plain).toContain('## What keeps coming back');
    expect(plain).toContain('## Glimmers');
    sameShape(hostile, plain);
    const html = md.render(hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&amp;amp;');
  });
});

const cmarkGfm = spawnSync('cmark-gfm', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!cmarkGfm)("Debian's cmark-gfm, with GitHub's extensions", () => {
  const gfm = (text: string) =>
    spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tasklist'], {
      input: text,
      encoding: 'utf8',
    }).stdout;
  /** The HTML's tags, in order, without their attributes or text. */
  const tags = (html: string) => [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);

  it.each([
    ['the journal', (words: (i: number) => string) => renderJournalMarkdown(journal(words), asIs)],
    ['the report', (words: (i: number) => string) => report(journal(words))],
  ])('renders %s with the same tags, hostile or plain (but for the mailto links of bare e-mail addresses)', (_name, render) => {
    // GitHub's dialect makes a bare address a mailto: link whatever is escaped (a link, but one that can only open mail).
    const hostile = gfm(render(hostileWords)).replace(/<a href="mailto:[^"]*">([^<]*)<\/a>/g, '$1');
    expect(hostile).not.toContain('<a ');
    expect(tags(hostile)).toEqual(tags(gfm(render(plainWords))));
    expect(hostile).not.toContain('<script');
    expect(hostile).toContain('&lt;script&gt;');
  });
});
