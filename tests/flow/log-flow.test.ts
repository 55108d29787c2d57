import { describe, expect, it } from 'vitest';
import { loadCatalogues } from '../../src/catalogue/catalogue.js';
import { loadQuestions } from '../../src/catalogue/questions.js';
import { isPromptCancel } from '../../src/errors.js';
import { runLogFlow } from '../../src/flows/log-flow.js';
import { press, scriptedAsker, typeAndEnter } from '../helpers/scripted-asker.js';

const questions = loadQuestions();
const catalogues = loadCatalogues();

describe('the log flow, through the real prompts', () => {
  it('asks every question in order and returns what was answered', async () => {
    const { asker, screens, left } = scriptedAsker([
      { screen: '? What happened?', keys: typeAndEnter('No reply for four hours') },
      { screen: '❯ My partner', keys: press('enter') },
      // checkbox: the first item, then the fourth
      { screen: /What set it off\?[\s\S]*◯ A slow or short reply/, keys: press('space', 'down', 'down', 'down', 'space', 'enter') },
      // the scale starts at 5; two down is 7
      { screen: /❯  5  strong/, keys: press('down', 'down', 'enter') },
      { screen: 'Where do you feel it in your body?', keys: press('space', 'down', 'down', 'space', 'enter') },
      { screen: 'What story is your mind telling you?', keys: typeAndEnter("They're losing interest") },
      { screen: 'What is the alarm pushing you to do?', keys: press('space', 'enter') },
      { screen: 'Only you can say', keys: press('enter') }, // nothing picked: no protest
      { screen: 'What did you do instead', keys: typeAndEnter('') }, // skipped with Enter
    ]);
    const draft = await runLogFlow(asker, {}, questions, catalogues);
    expect(left()).toBe(0);
    expect(draft).toEqual({
      what: 'No reply for four hours',
      who: 'partner',
      triggers: ['delayed-reply', 'conflict'],
      intensity: 7,
      body: ['tight-chest', 'racing-heart'],
      thought: "They're losing interest",
      urges: ['double-text'],
      protest: [],
      instead: null,
    });
    expect(screens[3]).toContain('10  the strongest I have felt');
  });

  it('takes the person\'s own words through "Something else", kept as typed', async () => {
    const toOther = (count: number) => Array.from({ length: count }, () => 'down');
    const { asker, left } = scriptedAsker([
      { screen: 'Who was it with?', keys: press(...toOther(catalogues.who.length), 'enter') },
      { screen: 'In your own words', keys: typeAndEnter('My Sister') },
      { screen: 'Where do you feel it', keys: press(...toOther(catalogues.body.length), 'space', 'enter') },
      { screen: 'In your own words', keys: typeAndEnter('Cold hands, jaw clenched, cold hands') },
    ]);
    const draft = await runLogFlow(
      asker,
      { what: 'x', triggers: [], intensity: 4, thought: null, urges: [], protest: [], instead: null },
      questions,
      catalogues,
    );
    expect(left()).toBe(0);
    expect(draft.who).toBe('My Sister');
    expect(draft.body).toEqual(['Cold hands', 'jaw clenched']);
  });

  it('asks only what the flags did not give, and lets "who" be skipped', async () => {
    const { asker, left } = scriptedAsker([
      { screen: 'Who was it with?', keys: press(...Array.from({ length: catalogues.who.length + 1 }, () => 'down'), 'enter') },
      { screen: 'What is the alarm pushing you to do?', keys: press('enter') },
    ]);
    const known = { what: 'x', triggers: ['conflict'], intensity: 3, body: ['tight-chest'], thought: 't', protest: [], instead: 'i' };
    const draft = await runLogFlow(asker, known, questions, catalogues);
    expect(left()).toBe(0);
    expect(draft).toMatchObject({ ...known, who: null, urges: [] });
  });

  it('will not take an empty answer to "What happened?"', async () => {
    const { asker } = scriptedAsker([
      {
        screen: 'What happened?',
        keys: async (events) => {
          events.keypress('enter');
          await new Promise((resolve) => setImmediate(resolve));
          events.type('now it has words');
          events.keypress('enter');
        },
      },
    ]);
    const answer = await asker.text({ message: 'What happened?', required: 'A few words are enough.' });
    expect(answer).toBe('now it has words');
  });

  it('stops with the prompt cancel error on Ctrl-C, which cli.ts turns into exit 130 with nothing saved', async () => {
    const { asker, left } = scriptedAsker([
      { screen: 'What happened?', keys: typeAndEnter('x') },
      { screen: 'Who was it with?', keys: (events) => events.keypress({ name: 'c', ctrl: true }) },
    ]);
    const error = await runLogFlow(asker, {}, questions, catalogues).catch((e: unknown) => e);
    expect(isPromptCancel(error)).toBe(true);
    expect(left()).toBe(0);
  });
});
