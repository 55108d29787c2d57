import { describe, expect, it } from 'vitest';
import { loadCatalogues } from '../../src/catalogue/catalogue.js';
import { checkAskTemplates, loadAskTemplates } from '../../src/catalogue/questions.js';
import { draftAsk, draftAsks } from '../../src/flows/direct-ask.js';

const catalogues = loadCatalogues();
const templates = loadAskTemplates(catalogues);

/** What a well-formed request looks like: one sentence, plain spacing, nothing left unfilled. */
function wellFormed(text: string): void {
  expect(text).toMatch(/^I'm (feeling|having) [^{}]+ right now, and [^{}]+\.$/);
  expect(text).not.toMatch(/\s{2}|\s[,.]|\.\.|,,|\bundefined\b|\bnull\b/);
  expect(text.split(/(?<=\.)\s/)).toHaveLength(1);
}

describe('drafting the direct ask', () => {
  const feelings = [...catalogues.feelings.map((item) => item.id), null];
  const needs = catalogues.needs.map((item) => item.id);

  it(`reads as one good sentence for every feeling x need (${feelings.length} x ${needs.length})`, () => {
    let count = 0;
    for (const feeling of feelings) {
      for (const need of needs) {
        const text = draftAsk(templates, catalogues, feeling, need);
        wellFormed(text);
        if (feeling)
          expect(text).toContain(`I'm feeling ${catalogues.feelings.find((f) => f.id === feeling)!.label.toLowerCase()} right now`);
        count++;
      }
    }
    expect(count).toBe(feelings.length * needs.length);
  });

  it('gives the example from the issue', () => {
    expect(draftAsk(templates, catalogues, 'insecure', 'comfort')).toBe("I'm feeling insecure right now, and I could really use a hug.");
  });

  it("fits a person's own words into the sentence", () => {
    expect(draftAsk(templates, catalogues, 'Feeling like a burden.', 'reassurance')).toBe(
      "I'm feeling like a burden right now, and I could really use some reassurance.",
    );
    expect(draftAsk(templates, catalogues, "I'm feeling Abandoned", 'I need to be held!')).toBe(
      "I'm feeling abandoned right now, and what I need is to be held.",
    );
    expect(draftAsk(templates, catalogues, null, 'Space')).toBe("I'm having a hard moment right now, and what I need is space.");
    for (const text of [
      draftAsk(templates, catalogues, 'raw', 'a slow evening together'),
      draftAsk(templates, catalogues, 'I feel small', 'to know I matter'),
    ])
      wellFormed(text);
  });

  it('drafts one request for each need, without repeats', () => {
    expect(draftAsks(templates, catalogues, 'lonely', ['closeness', 'comfort', 'closeness'])).toEqual([
      "I'm feeling lonely right now, and I'd love some time close to you.",
      "I'm feeling lonely right now, and I could really use a hug.",
    ]);
    expect(draftAsks(templates, catalogues, 'lonely', [])).toEqual([]);
  });

  it('refuses templates that leave a need without words', () => {
    const needs = { ...templates.needs };
    delete needs.comfort;
    expect(() => checkAskTemplates({ ...templates, needs }, catalogues)).toThrow(/no words for the need "comfort"/);
    expect(() => checkAskTemplates({ ...templates, sentence: 'I feel {need}.' }, catalogues)).toThrow(/\{feeling\}/);
  });
});
