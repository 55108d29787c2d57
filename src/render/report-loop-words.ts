import type { LoopFigures } from '../analysis/report-loop.js';
import type { CatalogueName } from '../journal/fields.js';

/*
 * The sentences that close the loop in a report, in VOICE.md's words:
 * numbers as "4 of 5", never percentages; looking back is a reality check,
 * never a verdict; a glimmer is noticed, not a score; support gets one
 * gentle line at most. The same sentences serve the text, the Markdown and
 * the page, so they can never disagree.
 */

export type Words = (catalogue: CatalogueName, id: string) => string;

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * An item's words inside a sentence: "My partner" reads "your partner", "A friend" "a friend", "I felt close"
 * keeps its I; a person's own words (no label of the catalogue) stay exactly as typed, "Sam" included.
 */
function phrase(words: Words, catalogue: CatalogueName, id: string): string {
  const label = words(catalogue, id);
  if (label === id) return id;
  return /^My /.test(label) ? label.replace(/^My /, 'your ') : inSentence(label);
}

/** Words inside a sentence: the first letter small ("Grateful for ..." -> "grateful for ..."), but never "I", and nothing else changed. */
function inSentence(words: string): string {
  return /^I\b/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
}

/** "a, b and c". */
function and(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "came true once, partly once, and not the other 4 times"; "didn't come true, any of the 3 times"; "came true both times". */
function fearWords(cameTrue: number, partly: number, didNot: number): string {
  const all = cameTrue + partly + didNot;
  const every = (n: number) => (n === 1 ? '' : n === 2 ? ' both times' : ` all ${n} times`);
  if (didNot === all) return didNot === 1 ? "didn't come true" : `didn't come true, any of the ${didNot} times`;
  if (cameTrue === all) return `came true${every(all)}`;
  if (partly === all) return `partly came true${every(all)}`;
  const some = [
    cameTrue ? `came true ${times(cameTrue)}` : '',
    partly ? `${cameTrue ? '' : 'came true '}partly ${times(partly)}` : '',
  ].filter(Boolean);
  return didNot ? `${some.join(', ')}, and not the other ${didNot === 1 ? 'time' : `${didNot} times`}` : some.join(' and ');
}

/** "You looked back on 6 moments: the feared story came true once, partly once, and not the other 4 times." */
export function lookedBackWords(f: LoopFigures['followUps']): string[] {
  const out: string[] = [];
  const { cameTrue, partly, didNot } = f.fear;
  const moments = cameTrue + partly + didNot;
  if (moments > 0) out.push(`You looked back on ${plural(moments, 'moment')}: the feared story ${fearWords(cameTrue, partly, didNot)}.`);
  const { made, notYet, decidedNot, landed, partly: halfway, notLanded } = f.asks;
  if (made + notYet + decidedNot > 0) {
    const how = [
      landed ? `${landed} met` : '',
      halfway ? `${halfway} partly met` : '',
      notLanded ? `${notLanded} not this time` : '',
    ].filter(Boolean);
    const asked = made ? `You made ${plural(made, 'direct ask')}${how.length ? ` (${and(how)})` : ''}` : 'No direct ask was made yet';
    const rest = [notYet ? `${notYet} not yet` : '', decidedNot ? `${decidedNot} decided against` : ''].filter(Boolean);
    out.push(`${asked}${rest.length ? `; ${and(rest)}` : ''}.`);
  }
  return out;
}

/** "After 4 of 5 pauses you didn't act on the urge; 2 messages written in a pause were let go." */
export function heldWords(pauses: number, acted: LoopFigures['acted'], drafts: LoopFigures['drafts']): string[] {
  const out: string[] = [];
  const answered = acted.yes + acted.partly + acted.no;
  if (answered > 0) {
    const didAct = acted.yes + acted.partly;
    const partly = acted.partly ? ', at least partly' : '';
    if (answered === 1) {
      // One pause answered: said of that pause, not as "1 of the 1".
      const which = pauses === 1 ? 'your pause' : 'the one pause you answered';
      out.push(acted.no ? `After ${which}, you didn't act on the urge.` : `After ${which}, you did what the urge pushed for${partly}.`);
    } else {
      const of = answered === pauses ? `${acted.no} of ${pauses} pauses` : `${acted.no} of the ${answered} pauses you answered`;
      out.push(`After ${of} you didn't act on the urge${didAct ? `; after ${didAct} you did${partly}` : ''}.`);
    }
  }
  if (drafts.written > 0) {
    const what = [
      drafts.letGo ? `${drafts.letGo} let go` : '',
      drafts.kept ? `${drafts.kept} kept for later` : '',
      drafts.changed ? `${drafts.changed} changed first` : '',
      drafts.sent ? `${drafts.sent} sent as written` : '',
    ].filter(Boolean);
    out.push(`${plural(drafts.written, 'message was', 'messages were')} written in a pause${what.length ? `: ${and(what)}` : ''}.`);
  }
  return out;
}

/** "2 plans in use; 1 moment this week was one a plan is for." */
export function plansWords(plans: LoopFigures['plans'], span: string): string[] {
  if (plans.active === 0) return [];
  const matched = plans.matched
    ? `; ${plural(plans.matched, 'moment')} ${span} ${plans.matched === 1 ? 'was one' : 'were ones'} a plan is for`
    : '';
  return [`${plural(plans.active, 'plan')} in use${matched}.`];
}

/** "3 glimmers: most often feeling cared for; with your partner (2) and a friend (1)." */
export function glimmerWords(g: LoopFigures['glimmers'], words: Words): string[] {
  if (g.count === 0) return [];
  const kinds = g.kinds.slice(0, 3).map((k) => phrase(words, 'glimmerKinds', k.name));
  const who = g.who.map((w) => `${phrase(words, 'who', w.name)} (${w.count})`);
  return [`${plural(g.count, 'glimmer')}${kinds.length ? `: ${and(kinds)}` : ''}${who.length ? `; with ${and(who)}` : ''}.`];
}

/** Who was turned to, and, only when one person holds most of at least 8 answers, the article's one gentle line. */
export function supportWords(f: Pick<LoopFigures, 'support' | 'supportAnswered'>, words: Words): string[] {
  if (f.support.length === 0) return [];
  const out = [`You turned to ${and(f.support.map((s) => `${phrase(words, 'support', s.who)} (${s.count})`))}.`];
  const [top] = f.support.filter((s) => s.who !== 'nobody-yet');
  if (top && f.supportAnswered >= 8 && top.count / f.supportAnswered > 0.75) {
    out.push(
      `Most of the time it was ${phrase(words, 'support', top.who)}. ` +
        'Spreading support across a few people can make each moment lighter.',
    );
  }
  return out;
}

/** "2 moments this week have no follow-up yet: attach follow-up" (an offer, never a demand); null when none. */
export function waitingWords(waiting: LoopFigures['followUps']['waiting'], span: string): string | null {
  const parts = [
    waiting.moments ? plural(waiting.moments, 'moment') : '',
    waiting.reflections ? plural(waiting.reflections, 'reflection') : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const n = waiting.moments + waiting.reflections;
  return `${and(parts)} ${span} ${n === 1 ? 'has' : 'have'} no follow-up yet, if you'd like to look back: attach follow-up`;
}
