import { loadCatalogues } from '../catalogue/catalogue.js';
import { loadQuestions } from '../catalogue/questions.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { askSection } from '../flows/ask-section.js';
import { type Draft, findEntry, newEntry, newestFirst, shortId } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import { checkOnlyWhen } from '../journal/fields.js';
import type { Entry, Journal } from '../journal/types.js';
import { parseWhen } from '../parse/when.js';
import { entryLine, typeWords } from '../render/entries.js';
import { followUpClosing, lookedBackOn } from '../render/follow-up.js';
import { command } from '../render/wrap.js';
import { say, writeJson } from '../ui/stream.js';

/** The flags of `attach follow-up`: the follow-up's fields from the table, each already read. */
export type FollowUpOptions = FlagValues<'follow-up'> & { json?: boolean };

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const FOR_A_MOMENT = ['happened', 'fear', 'intensity'] as const;
const FOR_A_REFLECTION = ['asked', 'landed'] as const;

/** Moments and reflections of the last 7 days with no follow-up yet, newest first. */
export function waitingForFollowUp(journal: Journal, now: Date): Entry[] {
  const followed = new Set(journal.entries.filter((entry) => entry.type === 'follow-up').map((entry) => entry.for));
  return newestFirst(
    journal.entries.filter((entry) => {
      if ((entry.type !== 'trigger' && entry.type !== 'reflection') || followed.has(entry.id) || typeof entry.at !== 'string') return false;
      const age = now.getTime() - Date.parse(entry.at);
      return age >= 0 && age <= WEEK_MS;
    }),
  );
}

/** The entry looked back on: by id (a moment or a reflection), or chosen on a terminal from those waiting. */
async function target(id: string | undefined, journal: Journal, ctx: Context): Promise<Entry | null> {
  const now = ctx.now();
  if (id !== undefined) {
    const found = findEntry(journal, id, (candidate) => entryLine(candidate, now));
    if (found.type !== 'trigger' && found.type !== 'reflection') {
      throw new UsageError(
        `${shortId(found.id)} is a ${typeWords(found.type)}; a follow-up looks back on a logged moment or a reflection.`,
      );
    }
    return found;
  }
  if (!ctx.interactive) throw new UsageError('Say which moment or reflection: attach follow-up <id> (attach list shows the ids).');
  const waiting = waitingForFollowUp(journal, now);
  if (waiting.length === 0) {
    say(ctx.stderr, 'Nothing from the last 7 days is waiting for a follow-up. For an older one: attach follow-up <id>');
    return null;
  }
  const choices = waiting.map((entry) => ({ value: entry.id, name: lookedBackOn(entry, now) }));
  const picked = await (await ctx.asker()).one({ message: 'Which one would you like to look back on?', choices });
  if (picked === null) {
    say(ctx.stderr, `None picked, so nothing was saved. They will be here when you want to look back: ${command('attach follow-up')}`);
    return null;
  }
  return journal.entries.find((entry) => entry.id === picked)!;
}

export async function run(id: string | undefined, options: FollowUpOptions, ctx: Context): Promise<void> {
  const { json, at, for: _for, ...flags } = options;
  const store = ctx.journal();
  const journal = await store.read();
  const entry = await target(id, journal, ctx);
  if (!entry) return;
  // A moment is looked back on for its feared story, a reflection for its ask: the other's flags don't fit.
  const isMoment = entry.type === 'trigger';
  const wrong = (isMoment ? FOR_A_REFLECTION : FOR_A_MOMENT).filter((name) => flags[name] !== undefined && !(name === 'happened'));
  if (wrong.length) {
    const fits = (isMoment ? ['--happened', '--fear', '--intensity'] : ['--asked', '--landed', '--happened']).join(', ');
    throw new UsageError(`--${wrong[0]} is for looking back on a ${isMoment ? 'reflection' : 'moment'}; for this one use ${fits}.`);
  }
  // Refused before any question: "--landed yes" with no ask made would be counted as an ask that landed.
  const unmet = checkOnlyWhen('follow-up', flags);
  if (unmet) throw new UsageError(unmet);
  let draft = { ...flags, for: entry.id, ...(at === undefined ? {} : { at: await parseWhen(at, ctx.now()) }) } as Draft<'follow-up'>;
  if (ctx.interactive) {
    const questions = loadQuestions();
    const section = isMoment ? questions.followUpMoment : questions.followUpReflection;
    say(ctx.stderr, ctx.style.dim(section.intro));
    say(ctx.stderr, ctx.style.dim(lookedBackOn(entry, ctx.now())));
    draft = (await askSection(await ctx.asker(), section, questions, loadCatalogues(), draft)) as Draft<'follow-up'>;
  } else if (Object.keys(flags).length === 0) {
    const hint = isMoment ? '--happened "stuck in meetings" --fear did-not' : '--asked yes --landed yes';
    throw new UsageError(`Say what happened next, for example: attach follow-up ${shortId(entry.id)} ${hint}`);
  }
  const saved = newEntry('follow-up', draft, ctx.now());
  await store.update(
    (j) => {
      if (!j.entries.some((other) => other.id === entry.id))
        throw new UsageError(`${shortId(entry.id)} was deleted meanwhile; nothing was saved.`);
      j.entries.push(saved);
    },
    { adding: [saved] },
  );
  if (json) writeJson(ctx.stdout, saved);
  for (const text of followUpClosing(saved)) say(ctx.stderr, text);
  say(ctx.stderr, ctx.style.dim(`Saved to your journal (${shortId(saved.id)}).`));
}
