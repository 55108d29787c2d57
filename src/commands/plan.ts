import { loadCatalogues } from '../catalogue/catalogue.js';
import * as match from '../catalogue/match.js';
import { personalise } from '../catalogue/personal.js';
import { loadQuestions } from '../catalogue/questions.js';
import { inSentence } from '../catalogue/sentence.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { askSection } from '../flows/ask-section.js';
import { type Draft, findEntry, newEntry, shortId } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import { activePlans, type PlanEntry } from '../journal/plans.js';
import { clean } from '../render/clean.js';
import { entryLine, typeWords } from '../render/entries.js';
import { command } from '../render/wrap.js';
import { toOffsetIso } from '../time/calendar.js';
import { say, writeJson } from '../ui/stream.js';

/** The flags of `attach plan add`: the plan's fields from the table. */
export type PlanOptions = FlagValues<'plan'> & { json?: boolean; all?: boolean };

const ACTIONS = ['list', 'add', 'retire'];

/** "When he doesn't reply for hours, I will take a pause and call Sam. (for: a slow or short reply)" */
function planLine(plan: PlanEntry, words: (id: string) => string): string {
  const forWhat = plan.triggers.length ? `  (for: ${plan.triggers.map((id) => clean(words(id))).join(', ')})` : '';
  return `${shortId(plan.id)}  When ${clean(plan.when)}, I will ${clean(plan.then)}${forWhat}${plan.active ? '' : '  (retired)'}`;
}

export async function run(action: string | undefined, id: string | undefined, options: PlanOptions, ctx: Context): Promise<void> {
  const what = action ?? 'list';
  if (!ACTIONS.includes(what)) throw new UsageError(`attach plan takes list, add or retire (you gave "${clean(what)}").`);
  if (what !== 'retire' && id !== undefined) throw new UsageError(`attach plan ${what} takes no id; attach plan retire <id> does.`);
  const { json, all, ...flags } = options;
  const store = ctx.journal();
  const journal = await store.read();
  const catalogues = personalise(loadCatalogues(), await ctx.config(), journal.entries);
  const words = (value: string) => inSentence(catalogues.triggers.find((item) => item.id === value)?.label ?? value, value);

  if (what === 'list') {
    const plans = all ? journal.entries.filter((entry): entry is PlanEntry => entry.type === 'plan') : activePlans(journal.entries);
    if (json) return writeJson(ctx.stdout, plans);
    if (plans.length === 0) return say(ctx.stderr, 'No plans yet. A plan is yours to make when you are ready: attach plan add');
    // A plan is a sentence: it wraps, its later lines under its first word.
    for (const plan of plans) say(ctx.stdout, planLine(plan, words), ' '.repeat(10));
    return;
  }
  if (what === 'retire') {
    if (id === undefined) throw new UsageError('Say which plan to retire: attach plan retire <id> (attach plan shows the ids).');
    const found = findEntry(journal, id, (candidate) => entryLine(candidate, ctx.now()));
    if (found.type !== 'plan')
      throw new UsageError(`${shortId(found.id)} is a ${typeWords(found.type)}, not a plan; attach plan shows the plans.`);
    await store.update((j) => {
      const index = j.entries.findIndex((entry) => entry.id === found.id);
      if (index === -1) throw new UsageError(`${shortId(found.id)} was deleted meanwhile; nothing was changed.`);
      j.entries[index] = { ...j.entries[index]!, active: false, editedAt: toOffsetIso(ctx.now()) };
    });
    return say(ctx.stderr, `Retired the plan ${shortId(found.id)}; it is kept in your journal, and no longer shown.`);
  }
  const resolved = match.resolveFlagWords('plan', flags, catalogues);
  let draft = { ...resolved.values, active: true } as Draft<'plan'>;
  if (ctx.interactive) {
    const questions = loadQuestions();
    say(ctx.stderr, ctx.style.dim(questions.plan.intro));
    draft = (await askSection(await ctx.asker(), questions.plan, questions, catalogues, draft)) as Draft<'plan'>;
  } else if (!draft.when || !draft.then) {
    throw new UsageError(
      `Add --when and --then, for example: ${command('attach plan add --when "no reply for hours" --then "take a pause and call Sam"')}.`,
    );
  }
  const entry = newEntry('plan', draft, ctx.now());
  await store.update((j) => void j.entries.push(entry), { adding: [entry] });
  if (json) writeJson(ctx.stdout, entry);
  say(ctx.stderr, `Saved your plan (${shortId(entry.id)}). It will be shown when a moment like it is logged.`);
}
