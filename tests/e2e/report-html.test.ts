import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderProgressHtml } from '../../src/render/progress-html.js';
import { attachAsync, ROOT, type Sandbox, sandbox } from '../helpers/cli.js';
import { HOSTILE, hostileJournal, progressSample, type RawEntry, richJournal } from '../helpers/report-journals.js';

/*
 * Issue 16: the report page opened in a real browser (headless Chromium from
 * the @sparticuz/chromium package, so `npm ci` alone brings it). Every page
 * must load nothing but itself, log no error, open no dialog, show every
 * chart it should at a real size, and carry exactly the numbers of
 * `report --json`. Screenshots land in test-output/ for a person to look at.
 */

const OUTPUT = path.join(ROOT, 'test-output');
/**
 * Where the package's compressed browser is unpacked: it unpacks into the temp
 * folder and reuses whatever `chromium` it finds there, so a folder of our own
 * (emptied by every `npm ci`) keeps it the version package-lock.json names.
 */
const UNPACKED = path.join(ROOT, 'node_modules', '.cache', 'attach-test-chromium');
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
// Flags of @sparticuz/chromium meant for serverless sandboxes that would weaken what this test checks.
const WEAKENING = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

let browser: Browser;
let box: Sandbox;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  box = sandbox();
  // The page has no WebGL to draw: without the software GPU the browser starts and paints sooner.
  chromium.setGraphicsMode = false;
  mkdirSync(UNPACKED, { recursive: true });
  const tmp = process.env.TMPDIR;
  process.env.TMPDIR = UNPACKED;
  const executablePath = await chromium.executablePath().finally(() => {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
  });
  browser = await puppeteer.launch({
    executablePath,
    headless: 'shell',
    args: [
      ...chromium.args.filter((arg) => !WEAKENING.has(arg)),
      // Nothing leaves the machine: every host name fails to resolve, and the browser's own background traffic is off.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  box?.cleanup();
});

interface Report {
  html: string;
  json: Record<string, unknown>;
  /** The page, saved where the browser opens it. */
  file: string;
}

/** The page and the JSON of one report, both from the built CLI (all reports at once: each is two processes). */
async function report(name: string, entries: RawEntry[], args: string[]): Promise<Report> {
  const journal = path.join(box.dir, `${name}.json`);
  writeFileSync(journal, JSON.stringify({ version: 1, entries }));
  const [page, json] = await Promise.all([
    attachAsync(box, ['--file', journal, 'report', ...args, '--format', 'html']),
    attachAsync(box, ['--file', journal, 'report', ...args, '--json']),
  ]);
  expect(page.stderr).toBe('');
  expect([page.code, json.code]).toEqual([0, 0]);
  const file = path.join(box.dir, `${name}.html`);
  writeFileSync(file, page.stdout);
  return { html: page.stdout, json: JSON.parse(json.stdout), file };
}

let week: Report;
let month: Report;
let long: Report;
let empty: Report;
let hostile: Report;
beforeAll(async () => {
  [week, month, long, empty, hostile] = await Promise.all([
    report('week', richJournal(), ['--week', '2026-W47']),
    report('month', richJournal(), ['--from', '2026-10-01', '--to', '2026-11-22']),
    report('long', richJournal(), ['--from', '2025-06-01', '--to', '2026-11-22', '--lookback', '60']),
    report('empty', [], ['--week', '2026-W47']),
    report('hostile', hostileJournal(), ['--week', '2026-W47']),
  ]);
}, 60_000);

interface Visit {
  page: Page;
  /** Requests other than the page itself (each was refused). */
  requests: string[];
  errors: string[];
  dialogs: string[];
}

async function visit(file: string, width: number, scheme: 'light' | 'dark' = 'light'): Promise<Visit> {
  const page = await browser.newPage();
  const url = pathToFileURL(file).href;
  const seen: Visit = { page, requests: [], errors: [], dialogs: [] };
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === url) return void request.continue();
    seen.requests.push(request.url());
    void request.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setViewport({ width, height: 900 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(url, { waitUntil: 'load' });
  return seen;
}

// The page's own DOM, read in the browser (this file is compiled without the DOM's types).
const innerText = (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: what a person sees rendered is the point, not the DOM's text
  page.$eval('body', (body) => (body as unknown as { innerText: string }).innerText);
const scrollWidth = (page: Page) => page.$eval('html', (root) => root.scrollWidth);

function expectQuiet(v: Visit): void {
  expect(v.requests).toEqual([]);
  expect(v.errors).toEqual([]);
  expect(v.dialogs).toEqual([]);
}

async function shoot(v: Visit, name: string): Promise<void> {
  await v.page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

/** The charts on the page: the size of each one's first drawing, and the smallest side of any of its drawings. */
async function charts(page: Page): Promise<Record<string, { width: number; height: number; smallest: number }>> {
  return page.$$eval('figure.chart', (figures) =>
    Object.fromEntries(
      figures.map((f) => {
        const boxes = [...f.querySelectorAll('svg')].map((s) => s.getBoundingClientRect());
        const smallest = Math.min(...boxes.map((b) => Math.min(b.width, b.height)));
        return [f.getAttribute('data-chart'), { width: boxes[0]?.width ?? 0, height: boxes[0]?.height ?? 0, smallest }];
      }),
    ),
  );
}

/** Every number on the page: its JSON key, its exact value, the text shown, and whether it is shown with one decimal. */
async function numbers(page: Page): Promise<{ key: string; value: unknown; text: string; decimal: boolean }[]> {
  return page.$$eval('[data-k]', (elements) =>
    elements.map((e) => ({
      key: e.getAttribute('data-k') ?? '',
      value: JSON.parse(e.getAttribute('value') ?? 'undefined'),
      text: e.textContent ?? '',
      decimal: e.hasAttribute('data-d'),
    })),
  );
}

const at = (json: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], json);

function expectNumbersOf(json: Record<string, unknown>, found: Awaited<ReturnType<typeof numbers>>): Set<string> {
  expect(found.length).toBeGreaterThan(0);
  for (const { key, value, text, decimal } of found) {
    expect(at(json, key), key).toEqual(value);
    if (typeof value === 'boolean') continue;
    const shown = value === null ? '–' : decimal ? (value as number).toFixed(1) : String(value);
    expect(text, key).toBe(shown);
  }
  return new Set(found.map((f) => f.key));
}

describe('attach report --format html, in a browser', () => {
  it('draws a week of a rich journal with exactly the numbers of --json, loading nothing', async () => {
    const { json, file } = week;
    const v = await visit(file, 1280);
    expectQuiet(v);
    const drawn = await charts(v.page);
    expect(Object.keys(drawn).sort()).toEqual(['calendar', 'heatmap', 'pauses', 'protest', 'weekly']);
    for (const [name, size] of Object.entries(drawn)) {
      expect(size.width, name).toBeGreaterThan(100);
      expect(size.height, name).toBeGreaterThan(name === 'protest' ? 5 : 40);
      expect(size.smallest, name).toBeGreaterThan(5);
    }
    const keys = expectNumbersOf(json, await numbers(v.page));
    // Every value a chart stands for is on the page, not only some.
    const r = json as {
      daily: unknown[];
      weekly: unknown[];
      pauseRatings: unknown[];
      triggers: unknown[];
      protest: { after: unknown[] }[];
    };
    const expected = [
      'counts.trigger',
      'counts.pause',
      'counts.reflection',
      'intensity.mean',
      'intensity.max',
      'intensity.previousMean',
      ...Array.from({ length: 28 }, (_, i) => `heatmap.${Math.floor(i / 4)}.${i % 4}`),
      ...r.daily.flatMap((_, i) => [`daily.${i}.count`, `daily.${i}.meanIntensity`]),
      ...r.weekly.flatMap((_, i) => [`weekly.${i}.count`, `weekly.${i}.meanIntensity`]),
      ...r.pauseRatings.flatMap((_, i) => [`pauseRatings.${i}.before`, `pauseRatings.${i}.after`, `pauseRatings.${i}.passed`]),
      ...r.triggers.flatMap((_, i) => [`triggers.${i}.count`, `triggers.${i}.meanIntensity`]),
      ...r.protest.flatMap((p, i) => [`protest.${i}.count`, ...p.after.map((_, j) => `protest.${i}.after.${j}.count`)]),
    ];
    for (const key of expected) expect(keys, key).toContain(key);
    expect(r.pauseRatings.length).toBeGreaterThan(3);
    // The sentences of the other formats are the page's too.
    const text = await innerText(v.page);
    for (const p of json.patterns as { text: string }[]) expect(text).toContain(p.text);
    expect(text).toContain('988');
    expect(text).toContain('not a diagnosis');
    await shoot(v, 'report-week-1280');
    await v.page.close();

    const narrow = await visit(file, 390);
    expectQuiet(narrow);
    // Nothing wider than a phone but the drawings that scroll on purpose.
    expect(await scrollWidth(narrow.page)).toBeLessThanOrEqual(390);
    await shoot(narrow, 'report-week-390');
    await narrow.page.close();

    const dark = await visit(file, 1280, 'dark');
    expectQuiet(dark);
    expect(await dark.page.$eval('html', (root) => root.ownerDocument.defaultView?.getComputedStyle(root).backgroundColor)).toBe(
      'rgb(21, 23, 26)',
    );
    await shoot(dark, 'report-week-1280-dark');
    await dark.page.close();
  });

  it('draws a month day by day, and a long stretch as a strip a year', async () => {
    const v = await visit(month.file, 1280);
    expectQuiet(v);
    const keys = expectNumbersOf(month.json, await numbers(v.page));
    expect(keys).toContain('daily.52.count');
    await v.page.close();

    const w = await visit(long.file, 1280);
    expectQuiet(w);
    const drawn = await charts(w.page);
    expect(drawn.calendar?.width).toBeGreaterThan(300);
    expect(await w.page.$$eval('figure[data-chart=calendar] rect', (r) => r.length)).toBe((long.json.daily as unknown[]).length);
    expectNumbersOf(long.json, await numbers(w.page));
    await shoot(w, 'report-long-1280');
    await w.page.close();
  });

  it('prints on A4 and on Letter without losing an edge, with the tables of numbers shown', async () => {
    const v = await visit(week.file, 1280);
    await v.page.emulateMediaType('print');
    // The printable width of A4 and of Letter with the page's 14 mm side margins, at 96 px an inch.
    for (const [paper, mm] of [
      ['A4', 210 - 28],
      ['Letter', 215.9 - 28],
    ] as const) {
      const width = Math.floor((mm / 25.4) * 96);
      await v.page.setViewport({ width, height: 1000 });
      expect(await scrollWidth(v.page), paper).toBeLessThanOrEqual(width);
      const table = await v.page.$eval('figure[data-chart=heatmap] .numbers table', (t) => t.getBoundingClientRect().height);
      expect(table, paper).toBeGreaterThan(100);
      const pdf = await v.page.pdf({ format: paper, printBackground: true });
      expect(pdf.byteLength, paper).toBeGreaterThan(10_000);
      writeFileSync(path.join(OUTPUT, `report-week-${paper}.pdf`), pdf);
    }
    expectQuiet(v);
    await v.page.close();
  });

  it('draws an empty journal calmly', async () => {
    const { json, file } = empty;
    const v = await visit(file, 1280);
    expectQuiet(v);
    expect(Object.keys(await charts(v.page))).toEqual(['calendar']);
    expect((await charts(v.page)).calendar?.height).toBeGreaterThan(20);
    expectNumbersOf(json, await numbers(v.page));
    expect(await innerText(v.page)).toContain('a quiet stretch is not a failure');
    await shoot(v, 'report-empty-1280');
    await v.page.close();
  });

  it('shows hostile words as the characters they are, in text and in tooltips, and runs none of them', async () => {
    const { json, file } = hostile;
    for (const v of [await visit(file, 1280), await visit(file, 390)]) {
      expectQuiet(v);
      const text = await innerText(v.page);
      const found = await v.page.$eval('html', (root) => ({
        titles: [...root.querySelectorAll('title')].map((t) => t.textContent ?? ''),
        elements: root.querySelectorAll('script, img, iframe, a, link, object, embed, form, base').length,
        handlers: [...root.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        policy: root.querySelector('head > meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
        title: root.ownerDocument.title,
      }));
      expect(found.elements).toBe(0);
      expect(found.handlers).toBe(0);
      expect(found.policy).toBe(POLICY);
      expect(found.title).toBe('attach report: 16–22 Nov 2026');
      for (const words of HOSTILE.slice(0, 6)) expect(text).toContain(words);
      // Terminal escapes and bidi overrides are shown, not passed on.
      expect(text).toContain('\\x1b[31mred\\x1b[0m \\u202eevil');
      expect(found.titles.some((t) => t.includes('<script>alert(1)</script>'))).toBe(true);
      expectNumbersOf(json, await numbers(v.page));
      if (v.page.viewport()?.width === 1280) await shoot(v, 'report-hostile-1280');
      await v.page.close();
    }
  });

  it('would stop a leak on its own: markup slipped past the escaping loads nothing and runs nothing', async () => {
    const file = path.join(box.dir, 'tampered.html');
    const slipped =
      '<img src="https://example.com/pixel.png"><script>alert(1)</script><link rel="stylesheet" href="https://example.com/s.css">' +
      '<iframe src="https://example.com/"></iframe><svg><image href="https://example.com/i.png"/></svg>';
    writeFileSync(file, week.html.replace('<main>', `<main>${slipped}`));
    const v = await visit(file, 1280);
    expect(v.requests).toEqual([]);
    expect(v.dialogs).toEqual([]);
    expect(v.errors.length).toBeGreaterThan(0);
    for (const error of v.errors) expect(error).toMatch(/Content Security Policy/);
    await v.page.close();
  });
});

describe('the progress page, in a browser', () => {
  it('draws each measure month by month with the claimed changes marked, loading nothing', async () => {
    // Until `attach progress --format html` is wired, the page is rendered here from attach.progress/1 itself.
    const data = progressSample();
    const file = path.join(box.dir, 'progress.html');
    writeFileSync(file, renderProgressHtml(data));
    for (const width of [1280, 390]) {
      const v = await visit(file, width);
      expectQuiet(v);
      const drawn = await charts(v.page);
      expect(Object.keys(drawn)).toHaveLength(11);
      for (const [name, size] of Object.entries(drawn)) expect(size.height, name).toBeGreaterThan(60);
      expect(await v.page.$$eval('line.mark', (marks) => marks.map((m) => m.getBoundingClientRect().width > 0))).toEqual([true, true]);
      const keys = expectNumbersOf(data as unknown as Record<string, unknown>, await numbers(v.page));
      expect(keys.size).toBe(6 * 13);
      expect(await scrollWidth(v.page)).toBeLessThanOrEqual(width);
      await shoot(v, `progress-${width}`);
      await v.page.close();
    }
  });
});
