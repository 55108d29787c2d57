import type { Config } from '../journal/config.js';
import { plansFor } from '../journal/plans.js';
import type { Entry, EntryOf, TriggerEntry } from '../journal/types.js';
import { clean } from '../render/clean.js';
import { CRISIS_LINES } from '../render/safety.js';
import { formatWhen } from '../render/time.js';
import { isoDay, localDay } from '../time/calendar.js';
import type { Asker } from '../ui/prompts.js';

/** A pause is for now: not offered for a moment logged hours later. */
const RECENT_MS = 2 * 60 * 60 * 1000;

export interface AfterMoment {
  /** Whether the person chose to start a pause now. */
  pause: boolean;
  /** The day a glimmer was offered, to remember (at most once a day). */
  glimmerShownOn?: string;
}

/** "20-minute", or "30-second" for a short one. */
export function pauseLength(minutes: number): string {
  return Number.isInteger(minutes) ? `${minutes}-minute` : `${Math.round(minutes * 60)}-second`;
}

/** The newest earlier glimmer with the same person, if there is one. */
function glimmerFor(entries: readonly Entry[], moment: TriggerEntry): EntryOf<'glimmer'> | undefined {
  const who = moment.who?.toLowerCase();
  if (!who) return undefined;
  return entries
    .filter(
      (entry): entry is EntryOf<'glimmer'> => entry.type === 'glimmer' && typeof entry.who === 'string' && entry.who.toLowerCase() === who,
    )
    .at(-1);
}

/**
 * What follows a logged moment, in this order: the crisis lines at 10; the
 * person's own plan for moments like it; for a strong moment, an earlier
 * glimmer with the same person (an offer, at most once a day, never when
 * turned off); and for a strong moment still fresh, the pause, offered to
 * start now on a terminal (Enter declines).
 */
export async function afterMoment(input: {
  moment: TriggerEntry;
  entries: readonly Entry[];
  config: Config;
  glimmerShownOn: string | undefined;
  now: Date;
  say: (text?: string) => void;
  bold: (text: string) => string;
  ask: Asker | null;
}): Promise<AfterMoment> {
  const { moment, entries, config, now, say } = input;
  const result: AfterMoment = { pause: false };
  if (moment.intensity === 10) {
    // Two paragraphs, each broken to the screen's width (never inside a number or an address), a blank line around each.
    for (const text of CRISIS_LINES) say(`\n${text}`);
    say();
  }
  const [plan] = plansFor(entries, moment);
  if (plan) say(`Your plan for this: ${clean(plan.then)}`);
  if (moment.intensity < 7) return result;

  const today = isoDay(localDay(now));
  const glimmer = config.glimmerReminders === 'off' || input.glimmerShownOn === today ? undefined : glimmerFor(entries, moment);
  if (glimmer) {
    say(`Something from earlier, in case it helps: "${clean(glimmer.what)}" (${formatWhen(glimmer.at, now).replace(/\s+/g, ' ')}).`);
    result.glimmerShownOn = today;
  }
  if (now.getTime() - Date.parse(moment.at) > RECENT_MS) return result;
  const length = pauseLength(config.pauseMinutes ?? 20);
  say(`That's a lot to carry. A ${length} pause can help the urge settle: ${input.bold('attach pause')}`);
  if (!input.ask) return result;
  result.pause = await input.ask.confirm({ message: `Start a ${length} pause now?`, default: false });
  if (!result.pause) say('Okay. It is here whenever you want it.');
  return result;
}
