import { activePlans, plansFor } from '../journal/plans.js';
import type { Entry, EntryOf } from '../journal/types.js';
import { countByName, type Named, ranked } from './tally.js';

/*
 * The parts of the report that close the loop (issue: close the loop; and
 * glimmers and support): what happened next, the urge acted on or not, the
 * message held in a pause, the plans, the glimmers, and who the person
 * turned to. Pure: the period's entries (and every entry, for plans and what
 * is still waiting) in, counts out.
 */

export interface LoopFigures {
  followUps: {
    count: number;
    fear: { cameTrue: number; partly: number; didNot: number };
    asks: { made: number; notYet: number; decidedNot: number; landed: number; partly: number; notLanded: number };
    /** Moments and reflections of the period with no follow-up yet (an addition to DESIGN's keys). */
    waiting: { moments: number; reflections: number };
  };
  acted: { yes: number; partly: number; no: number };
  drafts: { written: number; sent: number; changed: number; letGo: number; kept: number };
  plans: { active: number; matched: number };
  glimmers: { count: number; kinds: Named[]; who: Named[] };
  support: { who: string; count: number }[];
  /** Moments and pauses of the period that say who was turned to (an addition, for the report's one gentle line). */
  supportAnswered: number;
}

/** Counts names, a person's own words grouped case-insensitively under the first spelling seen; most first, then by name. */
const tally = (lists: Iterable<readonly string[]>): Named[] => ranked(countByName(lists).values());

type Typed = 'trigger' | 'pause' | 'reflection' | 'follow-up' | 'plan' | 'glimmer';
type ByType = { [T in Typed]: EntryOf<T>[] };
/** The entries of each type, in one pass (a whole history is 100k entries: one pass, not one a type). */
function byType(entries: readonly Entry[]): ByType {
  const out: ByType = { trigger: [], pause: [], reflection: [], 'follow-up': [], plan: [], glimmer: [] };
  // Own keys only: a type named "constructor" or "__proto__" (a hostile file) is no list of ours.
  for (const entry of entries) if (Object.hasOwn(out, entry.type)) (out[entry.type as Typed] as Entry[]).push(entry);
  return out;
}
const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.reduce((n, item) => n + (test(item) ? 1 : 0), 0);

/**
 * `period`: the period's entries; `all`: every entry (plans, and what has a
 * follow-up); `until`: the period's last day that has happened, as
 * YYYY-MM-DD, so that a plan made after it is not counted as in use then.
 */
export function loopFigures(period: readonly Entry[], all: readonly Entry[], until?: string): LoopFigures {
  const { trigger: moments, pause: pauses, 'follow-up': followUps, glimmer: glimmers, reflection: reflections } = byType(period);
  const every = byType(all);
  const followed = new Set(every['follow-up'].map((entry) => entry.for));
  // A plan counts for a moment when it was in use then: made before it, and still in use. Without a plan in use, no moment is looked at.
  const inUse = activePlans(every.plan);
  const matched = inUse.length
    ? count(moments, (moment) => plansFor(inUse, moment).some((plan) => Date.parse(plan.at) <= Date.parse(moment.at)))
    : 0;
  // Only the entries that name someone: no array is made for the many that do not.
  const reached: (readonly string[])[] = [];
  for (const list of [moments, pauses]) for (const entry of list) if (entry.reachedOut?.length) reached.push(entry.reachedOut);
  return {
    followUps: {
      count: followUps.length,
      fear: {
        cameTrue: count(followUps, (f) => f.fear === 'came-true'),
        partly: count(followUps, (f) => f.fear === 'partly'),
        didNot: count(followUps, (f) => f.fear === 'did-not'),
      },
      asks: {
        made: count(followUps, (f) => f.asked === 'yes'),
        notYet: count(followUps, (f) => f.asked === 'not-yet'),
        decidedNot: count(followUps, (f) => f.asked === 'decided-not'),
        // Of the asks made only: a journal written before follow-up refused it may say one landed that was not made.
        landed: count(followUps, (f) => f.asked === 'yes' && f.landed === 'yes'),
        partly: count(followUps, (f) => f.asked === 'yes' && f.landed === 'partly'),
        notLanded: count(followUps, (f) => f.asked === 'yes' && f.landed === 'no'),
      },
      waiting: {
        moments: count(moments, (m) => !followed.has(m.id)),
        reflections: count(reflections, (r) => !followed.has(r.id)),
      },
    },
    acted: {
      yes: count(pauses, (p) => p.acted === 'yes'),
      partly: count(pauses, (p) => p.acted === 'partly'),
      no: count(pauses, (p) => p.acted === 'no'),
    },
    drafts: {
      written: count(pauses, (p) => typeof p.draft === 'string' && p.draft.length > 0),
      sent: count(pauses, (p) => p.draftOutcome === 'sent'),
      changed: count(pauses, (p) => p.draftOutcome === 'changed'),
      letGo: count(pauses, (p) => p.draftOutcome === 'let-go'),
      kept: count(pauses, (p) => p.draftOutcome === 'kept'),
    },
    // In use in the period: made by its end and in use now (a plan retired since is not known to have been in use then).
    plans: {
      active: count(inUse, (plan) => until === undefined || (plan.at as string).slice(0, 10) <= until),
      matched,
    },
    glimmers: {
      count: glimmers.length,
      kinds: tally(glimmers.map((g) => g.kinds)),
      who: tally(glimmers.map((g) => (g.who ? [g.who] : []))),
    },
    support: tally(reached).map(({ name, count: n }) => ({ who: name, count: n })),
    supportAnswered: reached.length,
  };
}
