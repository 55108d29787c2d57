import type { Catalogues } from '../catalogue/catalogue.js';
import type { AskTemplates } from '../catalogue/questions.js';

/** A person's own words, made to sit inside a sentence: no leading "I feel", no closing full stop. */
function ownWords(text: string, lead: RegExp): string {
  const words = text
    .trim()
    .replace(lead, '')
    .replace(/[.!?\s]+$/, '');
  return /^I\b/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
}

/**
 * Drafts a direct request from a feeling and a need, from the templates of
 * prompts/asks.json: "I'm feeling insecure right now, and I could really use
 * a hug." Catalogue items have words written for them; a person's own words
 * go into a sentence that reads well with almost anything.
 */
export function draftAsk(t: AskTemplates, catalogues: Catalogues, feeling: string | null, need: string): string {
  const known = catalogues.feelings.find((item) => item.id === feeling);
  const feelingWords =
    feeling === null ? null : known ? known.label.toLowerCase() : ownWords(feeling, /^(i'?m feeling|i feel|feeling)\s+/i);
  const needWords = Object.hasOwn(t.needs, need) ? t.needs[need]! : t.ownNeed.replace('{need}', ownWords(need, /^(i need|i want)\s+/i));
  const sentence = feelingWords ? t.sentence.replace('{feeling}', feelingWords) : t.withoutFeeling;
  return sentence.replace('{need}', needWords).replace(/\s+/g, ' ');
}

/** One draft for each need named, without repeats. */
export function draftAsks(t: AskTemplates, catalogues: Catalogues, feeling: string | null, needs: readonly string[]): string[] {
  return [...new Set(needs.map((need) => draftAsk(t, catalogues, feeling, need)))];
}
