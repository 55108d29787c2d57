import { describe, expect, it } from 'vitest';
import { buildReport, type Labeller } from '../../src/analysis/report.js';
import { loadCatalogues, wordsFrom } from '../../src/catalogue/catalogue.js';
import { lookedBackWords } from '../../src/render/report-loop-words.js';
import { renderText } from '../../src/render/report-text.js';
import { dayOf } from '../../src/time/calendar.js';
import { makeStyle } from '../../src/ui/style.js';
import { followUp, glimmer, pause, plan, reflection, trigger } from '../helpers/entries.js';

const words = wordsFrom(loadCatalogues());
const label: Labeller = (kind, name) => words(kind, name);
// Monday 16 to Sunday 22 November 2026.
const week = { from: dayOf('2026-11-16'), to: dayOf('2026-11-22') };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function journal() {
  const moments = [1, 2, 3, 4, 5, 6].map((n) =>
    trigger({
      id: id(n),
      at: `2026-11-${16 + (n % 6)}T20:00:00-08:00`,
      triggers: n % 2 ? ['delayed-reply'] : ['conflict'],
      reachedOut: ['partner'],
    }),
  );
  return [
    plan({ triggers: ['delayed-reply'] }),
    plan({ id: id(90), active: false }),
    ...moments,
    followUp({ id: id(11), at: '2026-11-22T12:00:00-08:00', for: id(1), fear: 'came-true' }),
    followUp({ id: id(12), at: '2026-11-22T12:00:00-08:00', for: id(2), fear: 'partly' }),
    ...[3, 4, 5, 6].map((n) => followUp({ id: id(10 + n), at: '2026-11-22T12:00:00-08:00', for: id(n), fear: 'did-not' })),
    reflection({ id: id(20), at: '2026-11-21T08:00:00-08:00' }),
    followUp({ id: id(21), at: '2026-11-22T12:00:00-08:00', for: id(20), asked: 'yes', landed: 'yes' }),
    ...[31, 32, 33, 34, 35].map((n, i) =>
      pause({
        id: id(n),
        at: '2026-11-20T21:00:00-08:00',
        acted: i === 0 ? 'yes' : 'no',
        ...(i < 2 ? { draft: 'x', draftOutcome: 'let-go' as const } : {}),
        reachedOut: ['partner'],
      }),
    ),
    glimmer({ who: 'partner', kinds: ['cared-for'] }),
    glimmer({ id: id(40), at: '2026-11-10T10:00:00-08:00', who: 'friend' }), // before the week
  ];
}

describe('the report closes the loop', () => {
  const r = buildReport(journal(), week, 8, label);

  it('counts follow-ups, asks, the urge acted on, the messages held, plans, glimmers and support', () => {
    expect(r.followUps).toEqual({
      count: 7,
      fear: { cameTrue: 1, partly: 1, didNot: 4 },
      asks: { made: 1, notYet: 0, decidedNot: 0, landed: 1, partly: 0, notLanded: 0 },
      waiting: { moments: 0, reflections: 0 },
    });
    expect(r.pauses.acted).toEqual({ yes: 1, partly: 0, no: 4 });
    // A journal written before follow-up refused it may say an ask landed that was not made: not counted as landed.
    const older = buildReport(
      [...journal(), followUp({ id: id(22), at: '2026-11-22T13:00:00-08:00', for: id(20), asked: 'not-yet', landed: 'yes' })],
      week,
      8,
      label,
    );
    expect(older.followUps.asks).toEqual({ made: 1, notYet: 1, decidedNot: 0, landed: 1, partly: 0, notLanded: 0 });
    expect(r.pauses.drafts).toEqual({ written: 2, sent: 0, changed: 0, letGo: 2, kept: 0 });
    // Three of the six moments were set off by a slow reply, which the plan in use is for.
    expect(r.plans).toEqual({ active: 1, matched: 3 });
    expect(r.glimmers).toEqual({ count: 1, kinds: [{ name: 'cared-for', count: 1 }], who: [{ name: 'partner', count: 1 }] });
    expect(r.support).toEqual([{ who: 'partner', count: 11 }]);
    expect(r.supportAnswered).toBe(11);
  });

  it('says it plainly, and the sentences agree with the JSON', () => {
    const text = renderText(r, label, makeStyle(0), 200);
    expect(text).toContain('You looked back on 6 moments: the feared story came true once, partly once, and not the other 4 times.');
    // One left over is "the other time", not "the other 1".
    const one = { ...r.followUps, fear: { cameTrue: 0, partly: 1, didNot: 1 } };
    expect(lookedBackWords(one)[0]).toBe('You looked back on 2 moments: the feared story came true partly once, and not the other time.');
    expect(text).toContain('You made 1 direct ask (1 met).');
    expect(text).toContain("After 4 of 5 pauses you didn't act on the urge; after 1 you did.");
    expect(text).toContain('2 messages were written in a pause: 2 let go.');
    expect(text).toContain('1 plan in use; 3 moments this week were ones a plan is for.');
    expect(text).toContain('1 glimmer: I felt cared for; with your partner (1).');
    expect(text).toContain('Most of the time it was your partner. Spreading support across a few people can make each moment lighter.');
    expect(text).not.toContain('no follow-up yet');
  });

  it('names what has no follow-up yet, once, at the end, as an offer', () => {
    const quiet = buildReport(
      [trigger({ at: '2026-11-20T09:00:00-08:00' }), reflection({ at: '2026-11-21T09:00:00-08:00' })],
      week,
      8,
      label,
    );
    expect(quiet.followUps.waiting).toEqual({ moments: 1, reflections: 1 });
    expect(renderText(quiet, label, makeStyle(0), 200).trimEnd().split('\n').at(-1)).toBe(
      "1 moment and 1 reflection this week have no follow-up yet, if you'd like to look back: attach follow-up",
    );
  });

  it('counts a plan as in use only in a period it was made by: a report of an earlier week has none', () => {
    const later = plan({ at: '2026-11-25T09:00:00-08:00', triggers: ['delayed-reply'], active: true });
    const r = buildReport([trigger({ at: '2026-11-18T09:00:00-08:00' }), later], week, 8, label);
    expect(r.plans.active).toBe(0);
    expect(buildReport([later], { from: dayOf('2026-11-23'), to: dayOf('2026-11-29') }, 8, label).plans.active).toBe(1);
  });

  it('gives the gentle line about support only with 8 answers or more and one person above three in four', () => {
    const few = buildReport(journal().slice(0, 9), week, 8, label);
    expect(renderText(few, label, makeStyle(0))).not.toContain('Spreading support');
  });
});

describe('a period that runs on past today', () => {
  it('counts only the days that have happened: a coming Sunday is not a Sunday without a moment', () => {
    // Sunday evenings in 6 of the last 8 weeks (the lookback's weeks end on the Sundays)...
    const sundays = [0, 1, 2, 3, 5, 6].map((w) =>
      trigger({ id: id(100 + w), at: `2026-11-${String(15 - 7 * w).padStart(2, '0')}T20:00:00-08:00` }),
    );
    const entries = sundays.filter((e) => Date.parse(e.at) > Date.parse('2026-09-01'));
    // ...seen on Tuesday 17 November, with the week (Monday 16 to Sunday 22) asked for.
    const tuesday = dayOf('2026-11-17');
    const thisWeek = buildReport(entries, week, 8, label, tuesday);
    const lastSevenDays = buildReport(entries, { from: tuesday - 6, to: tuesday }, 8, label, tuesday);
    expect(thisWeek.period).toMatchObject({ to: '2026-11-22', soFar: '2026-11-17' });
    expect(thisWeek.lookback.to).toBe('2026-11-17');
    expect(thisWeek.patterns.map((p) => [p.weekday, p.daypart, p.weeks, p.weeksObserved])).toEqual(
      lastSevenDays.patterns.map((p) => [p.weekday, p.daypart, p.weeks, p.weeksObserved]),
    );
    expect(thisWeek.patterns).toHaveLength(1);
    expect(lastSevenDays.period.soFar).toBeUndefined();
  });
});
