import type { MonthFigures, ProgressData } from '../analysis/progress.js';
import type { Measure } from '../analysis/progress-changes.js';

/*
 * What the text and Markdown views of attach progress share: the month
 * names, the table's columns, and the sentences around the table, so the
 * two can never say different things.
 */

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const parts = (key: string) => key.split('-').map(Number) as [number, number];
/** "Jun 2026" */
export const monthLabel = (key: string) => `${SHORT[parts(key)[1] - 1]} ${parts(key)[0]}`;
/** "June 2026" */
export const monthLong = (key: string) => `${LONG[parts(key)[1] - 1]} ${parts(key)[0]}`;
/** "June" when every month shown is in one year, else "June 2026". */
function monthName(p: ProgressData, key: string): string {
  const years = new Set(p.months.map((m) => m.month.slice(0, 4)));
  return years.size <= 1 ? LONG[parts(key)[1] - 1]! : monthLong(key);
}

/** "June – November 2026", "December 2025 – May 2026", "November 2026". */
export function rangeWords(from: string, to: string): string {
  if (from === to) return monthLong(from);
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return fy === ty ? `${LONG[fm - 1]} – ${LONG[tm - 1]} ${ty}` : `${monthLong(from)} – ${monthLong(to)}`;
}

/** "17 June 2026" */
export function dayWords(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${LONG[m - 1]} ${y}`;
}

export interface Column {
  head: string;
  /** What the column holds, for the line under the table. */
  means: string;
  value: (m: MonthFigures) => string;
}

const of = (part: number, whole: number) => (whole ? `${part}/${whole}` : '–');

/** The month-by-month table's columns, the most telling first: a narrow screen shows the first few. */
export const COLUMNS: Column[] = [
  { head: 'moments', means: 'moments logged', value: (m) => String(m.moments) },
  { head: 'mean', means: 'their mean intensity', value: (m) => (m.meanIntensity === null ? '–' : m.meanIntensity.toFixed(1)) },
  { head: 'strong', means: 'moments of 7 or more', value: (m) => String(m.strong) },
  { head: 'paused', means: 'strong moments followed by a pause within 2 hours', value: (m) => of(m.pausedAfterStrong, m.strong) },
  { head: 'glimmers', means: 'moments that felt safe, warm or connected', value: (m) => String(m.glimmers) },
  { head: 'protest', means: 'moments with a protest behaviour', value: (m) => String(m.protest) },
  { head: 'pauses', means: 'pauses taken', value: (m) => String(m.pauses) },
  { head: 'passed', means: 'pauses in which the urge passed', value: (m) => of(m.urgePassed, m.urgeAnswered) },
  { head: 'acted', means: 'pauses after which you acted on the urge, at least partly', value: (m) => of(m.acted, m.actedAnswered) },
  { head: 'came true', means: 'follow-ups where the feared story came true', value: (m) => of(m.fearCameTrue, m.fearAnswered) },
  { head: 'landed', means: 'direct asks that landed', value: (m) => of(m.asksLanded, m.landedAnswered) },
];

/** What each measure is called in "not enough entries yet to look for change in: ...". */
export const MEASURE_NAMES: Record<Measure, string> = {
  moments: 'how often moments came',
  meanIntensity: 'intensity',
  strong: 'strong moments',
  pausedAfterStrong: 'pauses after strong moments',
  urgePassed: 'the urge passing in a pause',
  acted: 'acting on the urge',
  protest: 'protest behaviours',
  fearCameTrue: 'the feared story coming true',
  asksLanded: 'asks that landed',
  glimmers: 'glimmers',
};

/** The journal began inside the first month shown, which is counted from then. */
function lateStart(p: ProgressData): boolean {
  const first = p.months[0];
  return Boolean(p.range.since && first && first.days < first.daysInMonth && first.month === p.range.since.slice(0, 7));
}

/** The headline: the changes found, or why there are none. */
export function headline(p: ProgressData): string[] {
  const logged = p.months.some((m) => m.moments + m.pauses + m.followUps + m.glimmers > 0);
  if (!logged) return ['Nothing logged in these months yet. When something stirs you up, attach log keeps it.'];
  if (p.changes.length) return p.changes.map((c) => c.text);
  if (!p.tests.some((t) => t.enough)) {
    // Said once: under the table instead, where the first month is counted from then.
    const since = p.range.since && !lateStart(p) ? ` Your journal began on ${dayWords(p.range.since)}.` : '';
    return [`Too little logged yet to look for change over months: it takes about two months of entries.${since}`];
  }
  return ['No clear change yet. A change is named here only when all your entries show it, not one month alone.'];
}

/** The sentences under the table: the month under way, a late start, thin months, measures not yet tested. */
export function notes(p: ProgressData): { text: string; underway?: true }[] {
  const out: { text: string; underway?: true }[] = [];
  const underway = p.months.find((m) => m.underway);
  if (underway) out.push({ text: `${monthName(p, underway.month)} is still under way: its figures are so far.`, underway: true });
  const first = p.months[0];
  if (p.range.since && first && lateStart(p)) {
    out.push({ text: `Your journal began on ${dayWords(p.range.since)}, so ${monthName(p, first.month)} counts from then.` });
  }
  const thin = p.months.filter((m) => m.littleData);
  if (thin.length) {
    const named = thin.map(
      (m) => `${monthLabel(m.month)} (${m.moments === 0 ? 'no moments' : `${m.moments} moment${m.moments === 1 ? '' : 's'}`})`,
    );
    out.push({ text: `Too little logged to read on its own: ${named.join(', ')}.` });
  }
  const short = p.tests.filter((t) => !t.enough && t.n > 0).map((t) => MEASURE_NAMES[t.measure]);
  if (short.length && p.tests.some((t) => t.enough))
    out.push({ text: `Not enough entries yet to look for change in ${short.join(', ')}.` });
  return out;
}
