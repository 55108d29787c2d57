/**
 * The only module that imports @inquirer. Flows ask through an `Asker`, so
 * tests can drive the same prompts through @inquirer/testing, one at a time,
 * by swapping the runner.
 */
import checkbox from '@inquirer/checkbox';
import confirm from '@inquirer/confirm';
import input from '@inquirer/input';
import password from '@inquirer/password';
import select from '@inquirer/select';

export interface Choice {
  value: string;
  name: string;
  description?: string;
}

export interface Asker {
  /**
   * Free text; '' when skipped, unless `required` (then its text is the hint
   * shown for an empty answer). `editable` puts the default in the line to
   * change, instead of showing it as a hint.
   */
  text(question: { message: string; required?: string; default?: string; editable?: boolean }): Promise<string>;
  one(question: { message: string; choices: Choice[]; default?: string }): Promise<string>;
  many(question: { message: string; choices: Choice[]; checked?: readonly string[] }): Promise<string[]>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
  /** Hidden input, for a passphrase: nothing typed is shown, not even its length. */
  secret(question: { message: string; required?: string }): Promise<string>;
}

// The shape every @inquirer prompt shares: (config, context) => promise of an answer.
// biome-ignore lint/suspicious/noExplicitAny: each prompt takes its own config type; the Asker below gives the answers their types.
export type PromptFn = (config: any, context?: any) => Promise<any>;
export type Runner = (prompt: PromptFn, config: Record<string, unknown>) => Promise<unknown>;

/** Prompts draw on stderr so stdout stays clean for data (`attach log --json`). */
export const terminalRunner: Runner = (prompt, config) => prompt(config, { output: process.stderr });

export function createAsker(run: Runner = terminalRunner): Asker {
  return {
    async text({ message, required, default: initial, editable }) {
      const answer = (await run(input, {
        message,
        default: initial,
        ...(editable ? { prefill: 'editable' } : {}),
        validate: (value: string) => !required || value.trim().length > 0 || required,
      })) as string;
      return answer.trim();
    },
    async one({ message, choices, default: initial }) {
      return (await run(select, { message, choices, default: initial, pageSize: 12, loop: false })) as string;
    },
    async many({ message, choices, checked = [] }) {
      const marked = choices.map((choice) => ({ ...choice, checked: checked.includes(choice.value) }));
      return (await run(checkbox, { message, choices: marked, pageSize: 12, loop: false })) as string[];
    },
    async confirm({ message, default: initial = true }) {
      return (await run(confirm, { message, default: initial })) as boolean;
    },
    async secret({ message, required }) {
      return (await run(password, { message, validate: (value: string) => !required || value.length > 0 || required })) as string;
    },
  };
}
