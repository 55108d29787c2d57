import type { Entry, EntryOf, TriggerEntry } from './types.js';

export type PlanEntry = EntryOf<'plan'>;

/**
 * The active plans made for a moment like this one: a plan names the
 * triggers it is for (matched in any case), and a plan that names none is
 * for every moment. Newest first.
 */
export function plansFor(entries: readonly Entry[], moment: TriggerEntry): PlanEntry[] {
  const triggers = new Set(moment.triggers.map((name) => name.toLowerCase()));
  return entries
    .filter((entry): entry is PlanEntry => entry.type === 'plan' && (entry as PlanEntry).active === true)
    .filter((plan) => plan.triggers.length === 0 || plan.triggers.some((name) => triggers.has(name.toLowerCase())))
    .reverse();
}

/** Active plans, oldest first. */
export function activePlans(entries: readonly Entry[]): PlanEntry[] {
  return entries.filter((entry): entry is PlanEntry => entry.type === 'plan' && (entry as PlanEntry).active === true);
}
