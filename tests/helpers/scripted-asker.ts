import { render } from '@inquirer/testing';
import { type Asker, createAsker, type PromptFn, type Runner } from '../../src/ui/prompts.js';

type Events = Awaited<ReturnType<typeof render>>['events'];

/** One question of a flow: what its screen must show, and the keys a person presses. */
export interface Step {
  screen: string | RegExp;
  keys: (events: Events) => void | Promise<void>;
}

/**
 * An Asker over the real @inquirer prompts, each rendered by
 * @inquirer/testing in turn (one render per prompt, since a prompt closes
 * the output it was given). Every step checks the screen first, so a test
 * fails where the flow asks something other than expected.
 */
export function scriptedAsker(steps: Step[]): { asker: Asker; screens: string[]; left: () => number } {
  const queue = [...steps];
  const screens: string[] = [];
  const run: Runner = async (prompt: PromptFn, config) => {
    const step = queue.shift();
    if (!step) throw new Error(`the flow asked one more question than scripted: ${String(config.message)}`);
    const { answer, events, getScreen } = await render(prompt as Parameters<typeof render>[0], config as never);
    const screen = getScreen();
    screens.push(screen);
    const matches = typeof step.screen === 'string' ? screen.includes(step.screen) : step.screen.test(screen);
    if (!matches) throw new Error(`expected a question showing ${String(step.screen)}, the screen was:\n${screen}`);
    await step.keys(events);
    return answer;
  };
  return { asker: createAsker(run), screens, left: () => queue.length };
}

export const press =
  (...names: string[]) =>
  (events: Events) => {
    for (const name of names) events.keypress(name);
  };

export const typeAndEnter = (text: string) => (events: Events) => {
  events.type(text);
  events.keypress('enter');
};
