import { describe, expect, it } from 'vitest';
import { loadCatalogues } from '../../src/catalogue/catalogue.js';
import { editDistance, firstTimeWords, matchItem, ownWordsLine, resolveFlagWords } from '../../src/catalogue/match.js';
import { personalise } from '../../src/catalogue/personal.js';
import { UsageError } from '../../src/errors.js';

const catalogues = loadCatalogues();

describe('the catalogue matcher', () => {
  it('takes an id or the words of an item, in any case and spacing', () => {
    for (const raw of ['delayed-reply', 'DELAYED-REPLY', 'A slow or short reply', '  a slow  or short REPLY ']) {
      expect(matchItem(raw, catalogues.triggers)).toEqual({ kind: 'item', id: 'delayed-reply' });
    }
    expect(matchItem('Text again', catalogues.urges)).toEqual({ kind: 'item', id: 'double-text' });
  });

  it('calls a small slip of an id or words a near miss, and short or distant words own words', () => {
    expect(matchItem('delayed-replly', catalogues.triggers)).toMatchObject({ kind: 'near', item: { id: 'delayed-reply' } });
    expect(matchItem('Text agian', catalogues.urges)).toMatchObject({ kind: 'near', item: { id: 'double-text' } }); // a swap
    expect(matchItem('parnter', catalogues.who)).toMatchObject({ kind: 'near', item: { id: 'partner' } });
    expect(matchItem('mom calls twice', catalogues.triggers)).toEqual({ kind: 'own', text: 'mom calls twice' });
    expect(matchItem('me', catalogues.who)).toEqual({ kind: 'own', text: 'me' }); // too short to call a typo of "ex"
  });

  it('measures swaps of neighbours as one edit', () => {
    expect(editDistance('again', 'agian')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('resolves flag values of an entry type, refusing a near miss with the flag, the item and how to keep the words', () => {
    const { values, own } = resolveFlagWords(
      'trigger',
      { triggers: ['A slow or short reply', 'mom calls twice'], who: 'Partner' },
      catalogues,
    );
    expect(values).toMatchObject({ triggers: ['delayed-reply', 'mom calls twice'], who: 'partner' });
    expect(own).toEqual([{ field: 'triggers', flag: '--trigger', text: 'mom calls twice' }]);
    let error: unknown;
    try {
      resolveFlagWords('trigger', { triggers: ['delayed-replly'] }, catalogues);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      '--trigger: "delayed-replly" is not in the list; did you mean delayed-reply ("A slow or short reply")?',
    );
    // As shown: the command to type is held together with no-break spaces, which the screen writes as spaces.
    expect((error as UsageError).details.map((line) => line.replaceAll('\u00a0', ' '))).toEqual([
      'To keep "delayed-replly" as your own words, add it first: attach config add trigger "delayed-replly"',
    ]);
  });

  it("knows a person's own items, and says own words only the first time", () => {
    const mine = personalise(catalogues, { own: { triggers: ['delayed replies from mom'] } }, []);
    expect(resolveFlagWords('trigger', { triggers: ['Delayed replies from mom'] }, mine).values.triggers).toEqual([
      'delayed replies from mom',
    ]);
    const own = [{ field: 'triggers', flag: '--trigger', text: 'mom calls twice' }];
    const earlier = [{ id: 'x', type: 'trigger', triggers: ['Mom calls twice'] }];
    expect(firstTimeWords(own, earlier)).toEqual([]);
    expect(ownWordsLine(firstTimeWords(own, []))).toBe(
      'Kept "mom calls twice" (--trigger) as your own words; attach will offer it next time.',
    );
  });
});
