/**
 * The only module that imports @inquirer. Flows ask through an `Asker`, so
 * tests can drive the same prompts through @inquirer/testing, one at a time,
 * by swapping the runner.
 */
import checkbox from '@inquirer/checkbox';
import confirm from '@inquirer/confirm';
import password from '@inquirer/password';
import { choose } from './choose-prompt.js';
import { text } from './text-prompt.js';

export interface Choice {
  value: string;
  name: string;
  description?: string;
}

export interface Asker {
  /**
   * Free text; '' when skipped (or when the words put in the line are
   * deleted), unless `required` (then its text is the hint shown for an
   * empty answer). `default` is put in the line to change.
   */
  text(question: { message: string; required?: string; default?: string }): Promise<string>;
  /**
   * One of the choices. Nothing starts chosen but a `default` (an earlier
   * answer): Enter then skips (null), unless `required`, whose text is the
   * hint shown instead.
   */
  one(question: { message: string; choices: Choice[]; default?: string; required?: string }): Promise<string | null>;
  /** A 0-10 scale, chosen by typing the number (or ↑↓); null when skipped. */
  scale(question: {
    message: string;
    labels: readonly string[];
    default?: number;
    start?: number;
    required?: string;
  }): Promise<number | null>;
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
    async text({ message, required, default: initial }) {
      return ((await run(text, { message, initial, required })) as string).trim();
    },
    async one({ message, choices, default: initial, required }) {
      return (await run(choose, { message, choices, default: initial, required })) as string | null;
    },
    async scale({ message, labels, default: initial, start = 5, required }) {
      const choices = labels.map((label, value) => ({ value: String(value), name: `${String(value).padStart(2)}  ${label}` }));
      const config = {
        message,
        choices,
        numbered: true,
        start: String(start),
        required,
        default: initial === undefined ? undefined : String(initial),
      };
      const picked = (await run(choose, config)) as string | null;
      return picked === null ? null : Number(picked);
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
