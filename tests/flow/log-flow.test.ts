import { describe, expect, it } from 'vitest';
import { loadCatalogues } from '../../src/catalogue/catalogue.js';
import { loadQuestions } from '../../src/catalogue/questions.js';
import { isPromptCancel } from '../../src/errors.js';
import { runLogFlow } from '../../src/flows/log-flow.js';
import { press, scriptedAsker, typeAndEnter } from '../helpers/scripted-asker.js';

const questions = loadQuestions();
const catalogues = loadCatalogues();

const downs = (count: number) => Array.from({ length: count }, () => 'down');

describe('the log flow, through the real prompts', () => {
  it('asks every question in order and returns what was answered', async () => {
    const { asker, screens, left } = scriptedAsker([
      { screen: '? What happened?', keys: typeAndEnter('No reply for four hours') },
      // nothing is chosen until the person moves: the first ↓ lands on the first item
      { screen: /Who was it with\?\n {2}My partner/, keys: press('down', 'enter') },
      // checkbox: the first item, then the fourth
      { screen: /What set it off\?[\s\S]*◯ A slow or short reply/, keys: press('space', 'down', 'down', 'down', 'space', 'enter') },
      // typing a number chooses that number
      { screen: 'How strong is it right now?', keys: press('7', 'enter') },
      { screen: 'Where do you feel it in your body?', keys: press('space', 'down', 'down', 'space', 'enter') },
      { screen: 'What story is your mind telling you?', keys: typeAndEnter("They're losing interest") },
      { screen: 'What is the alarm pushing you to do?', keys: press('space', 'enter') },
      { screen: 'Only you can say', keys: press('enter') }, // nothing picked: no protest
      { screen: 'Did you turn to anyone?', keys: press('down', 'space', 'enter') }, // a friend
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
      reachedOut: ['friend'],
      instead: null,
    });
    expect(screens[3]).toContain('10  the strongest I have felt');
    expect(screens[3]).not.toContain('❯'); // nothing chosen for the person
  });

  it('ticks nothing for a stray key: a digit (the strength typed a question early), "a", "i"; the hint offers none', async () => {
    const { asker, screens } = scriptedAsker([{ screen: 'What set it off?', keys: press('8', '1', 'a', 'i', 'x', 'enter') }]);
    const choices = catalogues.triggers.map((item) => ({ value: item.id, name: item.label }));
    expect(await asker.many({ message: 'What set it off?', choices })).toEqual([]);
    expect(screens[0]).not.toMatch(/\ba all\b|\binvert\b/);
  });

  it('records the number typed on the 0-10 scale: 0, 1, 8 and 10', async () => {
    for (const [keys, expected] of [
      [['0'], 0],
      [['1'], 1],
      [['8'], 8],
      [['1', '0'], 10],
      [['5', '7'], 7], // 57 is no value: 7 starts again
      [['9', 'up'], 8],
    ] as const) {
      const { asker } = scriptedAsker([{ screen: 'How strong', keys: press(...keys, 'enter') }]);
      const labels = questions.scale.map((s) => s.label);
      expect(await asker.scale({ message: 'How strong is it right now?', labels, required: questions.scaleRequired })).toBe(expected);
    }
  });

  it('answers nothing for the person: Enter on every optional question records nothing, and the scale waits for a number', async () => {
    const { asker, screens, left } = scriptedAsker([
      { screen: 'What happened?', keys: typeAndEnter('x') },
      { screen: 'Who was it with?', keys: press('enter') },
      { screen: 'What set it off?', keys: press('enter') },
      {
        screen: 'How strong is it right now?',
        keys: async (events) => {
          events.keypress('enter');
          await new Promise((resolve) => setImmediate(resolve));
          events.keypress('6');
          events.keypress('enter');
        },
      },
      ...[
        'Where do you feel it',
        'What story',
        'What is the alarm',
        'Only you can say',
        'Did you turn to anyone',
        'What did you do instead',
      ].map((screen) => ({
        screen,
        keys: press('enter'),
      })),
    ]);
    const draft = await runLogFlow(asker, {}, questions, catalogues);
    expect(left()).toBe(0);
    expect(draft).toEqual({
      what: 'x',
      who: null,
      triggers: [],
      intensity: 6,
      body: [],
      thought: null,
      urges: [],
      protest: [],
      reachedOut: [],
      instead: null,
    });
    expect(screens[1]).toContain('⏎ skip');
  });

  it('takes the person\'s own words through "Something else", kept as typed, and words that name an item as that item', async () => {
    const { asker, left } = scriptedAsker([
      { screen: 'Who was it with?', keys: press(...downs(catalogues.who.length + 1), 'enter') },
      { screen: 'In your own words', keys: typeAndEnter('My Sister') },
      { screen: 'Where do you feel it', keys: press(...downs(catalogues.body.length), 'space', 'enter') },
      { screen: 'In your own words', keys: typeAndEnter('Cold hands, jaw clenched, cold hands') },
      { screen: 'What is the alarm pushing you to do?', keys: press(...downs(catalogues.urges.length), 'space', 'enter') },
      { screen: 'In your own words', keys: typeAndEnter('text again, write a long email') },
    ]);
    const known = { what: 'x', triggers: [], intensity: 4, thought: null, protest: [], reachedOut: [], instead: null };
    const draft = await runLogFlow(asker, known, questions, catalogues);
    expect(left()).toBe(0);
    expect(draft.who).toBe('My Sister');
    expect(draft.body).toEqual(['Cold hands', 'jaw clenched']);
    expect(draft.urges).toEqual(['double-text', 'write a long email']);
  });

  it('asks only what the flags did not give', async () => {
    const { asker, left } = scriptedAsker([
      { screen: 'Who was it with?', keys: press('enter') },
      { screen: 'What is the alarm pushing you to do?', keys: press('enter') },
    ]);
    const known = {
      what: 'x',
      triggers: ['conflict'],
      intensity: 3,
      body: ['tight-chest'],
      thought: 't',
      protest: [],
      reachedOut: [],
      instead: 'i',
    };
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
