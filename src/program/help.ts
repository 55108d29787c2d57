import type { Command, Help } from 'commander';
import { CRISIS_LINES } from '../render/safety.js';
import { displayWidth, padEnd } from '../render/width.js';
import { wrap } from '../render/wrap.js';
import { widthOf } from '../ui/stream.js';

/*
 * `--help` laid out for the terminal it is read on (commander's own layout
 * stops wrapping below 40 columns of description and never wraps the text
 * after it): every paragraph broken between words at the stream's width, an
 * option's words beside it where there is room and under it where there is
 * not, examples that stay commands a person can paste (a long one continues
 * on the next line after a backslash, as a shell reads it), and on
 * `attach --help` the crisis lines.
 */

const INDENT = '  ';
/** Below this many columns for an option's words, they go under the option instead of beside it. */
const BESIDE = 28;

/** Terms beside their words, or each term on its line with its words under it when the words would be too squeezed. */
function items(rows: [string, string][], width: number): string[] {
  if (rows.length === 0) return [];
  const termWidth = Math.max(...rows.map(([term]) => displayWidth(term)));
  const room = width - INDENT.length - termWidth - 2;
  const out: string[] = [];
  for (const [term, words] of rows) {
    if (!words) out.push(INDENT + term);
    else if (room >= BESIDE) {
      const hang = ' '.repeat(INDENT.length + termWidth + 2);
      out.push(...wrap(`${INDENT}${padEnd(term, termWidth)}  ${words}`, width, hang));
    } else {
      out.push(...wrap(INDENT + term, width, `${INDENT}  `), ...wrap(`${INDENT}  ${words}`, width));
    }
  }
  return out;
}

/**
 * Splits a command line into its words as a shell reads them: a quoted phrase, or one inside a word
 * (ATTACH_PASSPHRASE="$(pass show attach)"), is part of one word; an option with its value is one unit.
 */
function commandWords(text: string): string[] {
  const words = text.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  const units: string[] = [];
  for (const word of words) {
    const last = units.at(-1);
    if (last && /^-/.test(last) && !last.includes(' ') && !/^-/.test(word)) units[units.length - 1] = `${last} ${word}`;
    else units.push(word);
  }
  return units;
}

/**
 * An example as a person would paste it: on one line when it fits, else
 * continued after a backslash (the shell joins the lines again), each piece
 * never split.
 */
export function exampleLines(text: string, width: number): string[] {
  if (displayWidth(INDENT + text) <= width) return [INDENT + text];
  const more = `${INDENT}  `;
  // An option and its value go on one line, unless together they leave no room for the backslash after them: then
  // the option ends its line and the value starts the next (--thought "they are losing interest" at 40 columns).
  const units = commandWords(text).flatMap((unit) =>
    /^-\S* /.test(unit) && displayWidth(`${more}${unit} \\`) > width ? unit.split(/ (.*)/s, 2) : [unit],
  );
  const lines: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current && displayWidth(`${current} ${unit} \\`) > width) {
      lines.push(`${current} \\`);
      current = '';
    }
    current = current ? `${current} ${unit}` : `${lines.length ? more : INDENT}${unit}`;
  }
  lines.push(current);
  // A single piece wider than the line is broken between its words, as a last resort.
  return lines.flatMap((line) => wrap(line, width, `${INDENT}    `));
}

/**
 * The examples at the end of a command's help (and, for `attach --help`, the
 * crisis lines), laid out when the help is shown, for the stream it goes to.
 */
export function examples(...lines: string[]): (context: { error: boolean }) => string {
  return ({ error }) => examplesText(lines, widthOf(error ? process.stderr : process.stdout), false);
}

/** The examples and, after `attach --help`'s, the crisis lines. */
export function examplesText(lines: readonly string[], width: number, crisis: boolean): string {
  const out = ['', 'Examples:', ...lines.flatMap((text) => exampleLines(text, width))];
  if (crisis) for (const paragraph of CRISIS_LINES) out.push('', ...wrap(paragraph, width));
  return `${out.join('\n')}\n`;
}

/** The whole help of `cmd`, for a stream `width` columns wide. */
export function formatHelp(cmd: Command, helper: Help, width: number): string {
  const out: string[] = [];
  out.push(...wrap(`Usage: ${helper.commandUsage(cmd)}`, width, '  '), '');
  const description = helper.commandDescription(cmd);
  for (const paragraph of description ? description.split(/\n\s*\n/) : []) out.push(...wrap(paragraph.replace(/\n/g, ' '), width), '');
  const section = (title: string, rows: [string, string][]) => {
    if (rows.length) out.push(title, ...items(rows, width), '');
  };
  section(
    'Arguments:',
    helper.visibleArguments(cmd).map((argument) => [helper.argumentTerm(argument), helper.argumentDescription(argument)]),
  );
  section(
    'Options:',
    helper.visibleOptions(cmd).map((option) => [helper.optionTerm(option), helper.optionDescription(option)]),
  );
  // A command is named with its arguments: its options are in its own help.
  section(
    'Commands:',
    helper
      .visibleCommands(cmd)
      .map((sub) => [`${sub.name()} ${sub.usage().replace(/^\[options\] ?/, '')}`.trim(), helper.subcommandDescription(sub)]),
  );
  return `${out.join('\n').trimEnd()}\n`;
}

/** The layout for every command of `program`: set before its commands are declared, so they inherit it. */
export function layoutHelp(program: Command): Command {
  return program.configureHelp({ formatHelp: (cmd, helper) => formatHelp(cmd, helper, helper.helpWidth ?? 80) });
}
