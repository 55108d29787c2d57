import { describe, expect, it } from 'vitest';
import { checkCatalogues, loadCatalogues } from '../../src/catalogue/catalogue.js';
import { promptsDir } from '../../src/catalogue/files.js';
import { checkQuestions, loadQuestions } from '../../src/catalogue/questions.js';
import { newTrigger } from '../../src/journal/entries.js';
import { clean } from '../../src/render/clean.js';
import { entryDetail, entryLine } from '../../src/render/entries.js';
import { formatWhen } from '../../src/render/time.js';

describe('prompts/', () => {
  it('is found from the sources and holds what VOICE.md lists', () => {
    expect(promptsDir()).toMatch(/prompts$/);
    const c = loadCatalogues();
    expect(c.protest).toHaveLength(7); // the seven families of protest behaviour
    expect(c.triggers.map((i) => i.id)).toContain('delayed-reply');
    expect(c.body.map((i) => i.id)).toEqual(expect.arrayContaining(['tight-chest', 'racing-heart']));
    expect(c.urges.map((i) => i.id)).toContain('double-text');
    expect(c.needs).toHaveLength(8);
    expect(c.breathing.map((i) => i.id)).toEqual(['box', '478', 'coherent']);
    const questions = loadQuestions();
    expect(questions.pauseAfter.questions.map((q) => q.field)).toEqual(['after', 'passed', 'acted', 'activities', 'reachedOut', 'next']);
    expect(questions.log.questions.map((q) => q.field)).toEqual([
      'what',
      'who',
      'triggers',
      'intensity',
      'body',
      'thought',
      'urges',
      'protest',
      'reachedOut',
      'instead',
    ]);
  });

  it('refuses catalogues and questions that are not well formed', () => {
    const good = loadCatalogues();
    expect(() => checkCatalogues({ ...good, body: [{ id: 'Tight Chest', label: 'x' }] })).toThrow(/body\[0\]\.id should be kebab-case/);
    expect(() => checkCatalogues({ ...good, urges: [good.urges[0], good.urges[0]] })).toThrow(/repeats the id/);
    expect(() => checkCatalogues({ ...good, needs: undefined })).toThrow(/needs should be a non-empty list/);
    const questions = loadQuestions();
    const log = { ...questions.log, questions: [{ field: 'mood', message: 'm' }] };
    expect(() => checkQuestions({ ...questions, log })).toThrow(/log\.questions\[0\]: "mood" is not a field of trigger/);
    const pauseAfter = { ...questions.pauseAfter, questions: [{ field: 'passed', message: 'Did it pass?' }] };
    expect(() => checkQuestions({ ...questions, pauseAfter })).toThrow(/pauseAfter\.questions\[0\] needs "yes" and "no"/);
    expect(() => checkQuestions({ ...questions, scale: questions.scale.slice(1) })).toThrow(/scale/);
  });
});

describe('rendering entries', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('shows the day and time of the entry in its own offset', () => {
    expect(formatWhen('2026-11-22T21:14:00-08:00', now)).toBe('Sun 22 Nov 21:14');
    expect(formatWhen('2025-01-05T07:05:00+05:30', now)).toBe('Sun  5 Jan 2025 07:05');
  });

  it('puts an entry on one line, cut to the width', () => {
    const entry = {
      ...newTrigger({ what: 'No reply for four hours after I texted', intensity: 7 }, now),
      id: '5f0c2d9e-1b7a',
      at: '2026-11-22T21:14:00-08:00',
    };
    expect(entryLine(entry, now)).toBe('5f0c2d9e  Sun 22 Nov 21:14  moment       7  No reply for four hours after I texted');
    expect(entryLine(entry, now, 70)).toBe('5f0c2d9e  Sun 22 Nov 21:14  moment       7  No reply for four hours a…');
    // A narrow screen keeps the id, the day and the words.
    expect(entryLine(entry, now, 40)).toBe('5f0c2d9e 22 Nov  7  No reply for four h…');
  });

  it('neutralises escape sequences and control characters in stored text', () => {
    expect(clean('hi\u001b[2J\u0007there\nok\u009b')).toBe('hi\\x1b[2J\\x07there\nok\\x9b');
    const entry = { ...newTrigger({ what: 'evil \u001b]0;title\u0007', intensity: 3, note: 'x\u001b[31m' }, now) };
    for (const text of [entryLine(entry, now), ...entryDetail(entry, [], now)]) expect(text).not.toMatch(/[\u001b\u0007]/);
  });

  it('shows the whole entry with catalogue words and linked entries', () => {
    const entry = newTrigger({ what: 'no reply', intensity: 7, body: ['tight-chest', 'my own words'], who: 'partner' }, now);
    const linked = [{ id: 'p1234567-x', type: 'pause', at: '2026-11-28T12:10:00+00:00' }];
    const labels: Record<string, string> = { 'tight-chest': 'Tight chest' };
    const lines = entryDetail(entry, linked, now, (_field, value) => labels[value] ?? value);
    expect(lines).toContain('in the body    Tight chest, my own words');
    expect(lines).toContain('intensity      7 of 10');
    expect(lines.join('\n')).toMatch(/linked\n {2}p1234567 {2}Sat 28 Nov 12:10 {2}pause/);
    expect(lines[0]).toBe('moment · Sat 28 Nov 12:00');
  });
});
