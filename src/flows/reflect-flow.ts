import type { Catalogues } from '../catalogue/catalogue.js';
import type { AskTemplates, Questions } from '../catalogue/questions.js';
import type { ReflectionDraft } from '../journal/entries.js';
import type { Asker } from '../ui/prompts.js';
import { askLink, askSection, type LinkOffer } from './ask-section.js';
import { draftAsks } from './direct-ask.js';

const OWN = '__own';

/**
 * Looks at a protest behaviour with curiosity: what was done, what came just
 * before (not asked again when a logged moment is linked: it holds that
 * already), the need underneath, what was hoped and what happened, how it
 * felt, and ends by drafting the direct ask the person can use, change, or
 * replace with their own words.
 */
export async function runReflectFlow(
  ask: Asker,
  known: Partial<ReflectionDraft>,
  offer: LinkOffer | null,
  questions: Questions,
  catalogues: Catalogues,
  templates: AskTemplates,
): Promise<ReflectionDraft> {
  const link = await askLink(ask, known.for, offer);
  const linked = offer && offer.entry.id === link ? offer.entry : null;
  const given: Record<string, unknown> = { ...known, for: link };
  if (linked && given.situation === undefined) given.situation = null;
  // What was logged as protest with the moment starts ticked; the person still decides.
  const defaults: Record<string, string[]> = linked?.protest.length ? { protest: linked.protest } : {};
  const answers = (await askSection(ask, questions.reflect, questions, catalogues, given, { defaults })) as Record<string, unknown>;

  let request = known.ask;
  if (request === undefined) {
    const drafts = draftAsks(templates, catalogues, (answers.felt as string | null) ?? null, (answers.needs as string[] | undefined) ?? []);
    let written = '';
    if (drafts.length > 0) {
      const choices = [...drafts.map((draft) => ({ value: draft, name: draft })), { value: OWN, name: templates.ownWords }];
      const picked = await ask.one({ message: templates.choose, choices });
      // Enter with nothing chosen leaves the ask unwritten; the drafts are only offers.
      if (picked === OWN) written = await ask.text({ message: templates.write });
      else if (picked !== null) written = await ask.text({ message: templates.edit, default: picked });
    } else {
      written = await ask.text({ message: templates.write });
    }
    request = written || null;
  }
  return { ...(answers as ReflectionDraft), for: link, ask: request ?? null };
}
