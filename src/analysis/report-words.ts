import { inSentence as sentenceWords } from '../catalogue/sentence.js';
import type { Pattern } from './patterns.js';
import type { LabelKind, Labeller, ReportData } from './report.js';

/* The report's own sentences: a pattern in words, and the one gentle suggestion. */

const plural: Record<string, string> = { morning: 'mornings', afternoon: 'afternoons', evening: 'evenings', night: 'nights' };
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * Words inside a sentence: a catalogue's words start lower case ("something
 * I saw on social media", "I felt close" kept), a person's own words stay
 * exactly as typed ("call Sam").
 */
export function inSentence(label: Labeller, kind: LabelKind, name: string): string {
  return sentenceWords(label(kind, name), name);
}

/** "Sunday evenings: 6 of the last 8 weeks, intensity 7.4 against your usual 4.9; most often you wanted to text again." */
export function patternText(p: Omit<Pattern, 'pValue' | 'weeksSeen'>, label: Labeller): string {
  let text = `${capital(p.weekday)} ${plural[p.daypart]}: ${p.weeks} of the last ${p.weeksObserved} weeks`;
  if (p.meanIntensity !== null) {
    text += `, intensity ${oneDecimal(p.meanIntensity)}`;
    // Two figures that read the same (6.33 and 6.25) are no contrast: "against your usual 6.3" would set 6.3 against 6.3.
    const usual = p.baselineIntensity === null ? null : oneDecimal(p.baselineIntensity);
    if (usual !== null) text += usual === oneDecimal(p.meanIntensity) ? ', close to your usual' : ` against your usual ${usual}`;
  }
  if (p.topUrges.length) text += `; most often you wanted to ${joinOr(p.topUrges.map((u) => inSentence(label, 'urges', u)))}`;
  return `${text}.`;
}

export function suggest(data: Omit<ReportData, 'suggestion'>, label: Labeller): string | null {
  const [pattern] = data.patterns;
  if (pattern) {
    const when = `${capital(pattern.weekday)} ${plural[pattern.daypart]}`;
    return `${when} tend to be hard. Planning something kind for then, a walk or a call with a friend, could give the alarm less room.`;
  }
  const [protest] = data.protest;
  if (protest && data.reflections.count === 0) {
    return `A reflection on "${inSentence(label, 'protest', protest.name)}" could show the need underneath it: attach reflect`;
  }
  // "Pausing has helped" says something only once a few pauses have an answer.
  if (data.pauses.count > 0 && data.pauses.passed > 0 && data.pauses.answered >= 3) {
    const { passed, answered } = data.pauses;
    const helped = `Pausing has helped: the urge passed in ${passed} of the ${answered} pauses you answered.`;
    return `${helped} It is there whenever you need it: attach pause`;
  }
  if (data.counts.trigger > 0 && data.pauses.count === 0) {
    return 'When the urge is loud next time, a 20-minute pause can help it settle: attach pause';
  }
  return null;
}
