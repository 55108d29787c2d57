/**
 * The only module that imports @inquirer. Flows ask through an `Asker`, so
 * tests can drive the same prompts through @inquirer/testing, one at a time,
 * by swapping the runner.
 */
import confirm from '@inquirer/confirm';
import password from '@inquirer/password';
import { clean } from '../render/clean.js';
import { displayWidth } from '../render/width.js';
import { wrap } from '../render/wrap.js';
import { choose } from './choose-prompt.js';
import { widthOf } from './stream.js';
import { text } from './text-prompt.js';
import { ticks } from './ticks-prompt.js';

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

/**
 * The terminal the prompts draw on is stderr's: its width is read at each
 * question, so a question asked after the window was resized fits it.
 */
export function createAsker(run: Runner = terminalRunner, columns: () => number = () => widthOf(process.stderr)): Asker {
  // @inquirer's own prompts (confirm, password) and the ticks are given their words already broken, one column short of the edge.
  const question = (message: string) =>
    wrap(`? ${message}`, columns() - 1, '  ')
      .join('\n')
      .slice(2);
  const choice = (name: string) =>
    wrap(`   ${name}`, columns() - 1, '   ')
      .join('\n')
      .slice(3);
  // An answer after its question's last line, going on under the question where it doesn't fit there. The lead is that
  // line as the terminal shows it: a question of one line is led by the tick, which takes one column there like the "?"
  // it replaces (string-width counts ✔ as two); a later line of the question has no prefix at all. Measured as "✔ " and
  // the last line, the lead came out wider than the line (by 3 at 40 columns for "What did you do? ..."): the placeholder
  // was then cut like any word too wide, and its last "x" was shown under the question, alone or before the answer.
  const after = (asked: string, answer: string) => {
    const room = columns() - 1;
    const lines = asked.split('\n');
    // Never wider than the line, so the placeholder is never cut and none of it is ever shown.
    const lead = Math.min(displayWidth(lines.length === 1 ? `? ${lines[0]}` : lines.at(-1)!), room);
    const [first = '', ...rest] = wrap(`${'x'.repeat(lead)} ${answer}`, room, '  ');
    // The first line holds only the question's width: the answer starts on the next line.
    return [first.slice(lead + 1), ...rest].join('\n');
  };
  return {
    async text({ message, required, default: initial }) {
      return ((await run(text, { message, initial, required, width: columns() })) as string).trim();
    },
    async one({ message, choices, default: initial, required }) {
      const shown = choices.map((option) => ({ ...option, name: clean(option.name) }));
      return (await run(choose, { message, choices: shown, default: initial, required, width: columns() })) as string | null;
    },
    async scale({ message, labels, default: initial, start = 5, required }) {
      const choices = labels.map((label, value) => ({ value: String(value), name: `${String(value).padStart(2)}  ${label}` }));
      const config = {
        message,
        choices,
        width: columns(),
        numbered: true,
        start: String(start),
        required,
        default: initial === undefined ? undefined : String(initial),
      };
      const picked = (await run(choose, config)) as string | null;
      return picked === null ? null : Number(picked);
    },
    async many({ message, choices, checked = [] }) {
      // A long choice goes on under its own words; once answered, it is named as it is.
      const marked = choices.map((option) => ({
        ...option,
        name: choice(clean(option.name)),
        short: clean(option.name),
        checked: checked.includes(option.value),
      }));
      const asked = question(message);
      const theme = {
        style: { renderSelectedChoices: (picked: { short: string }[]) => after(asked, picked.map((p) => p.short).join(', ')) },
      };
      // Our own list of ticks (ticks-prompt.ts): a digit or a letter typed there ticks nothing.
      return (await run(ticks, { message: asked, choices: marked, pageSize: 12, theme })) as string[];
    },
    async confirm({ message, default: initial = true }) {
      return (await run(confirm, { message: question(message), default: initial })) as boolean;
    },
    async secret({ message, required }) {
      const validate = (value: string) => !required || value.length > 0 || required;
      return (await run(password, { message: question(message), validate })) as string;
    },
  };
}
