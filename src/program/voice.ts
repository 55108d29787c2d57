import { type Argument, Command, type Option } from 'commander';
import { editDistance } from '../catalogue/match.js';
import { clean } from '../render/clean.js';
import { command } from '../render/wrap.js';
import { say } from '../ui/stream.js';

/*
 * commander's own mistakes (a missing id, a word too many, an option without
 * its value, an unknown option or command) said in attach's voice: calm, one
 * line, what to do next (VOICE.md). Every command of the program is one of
 * these, so the messages hold for all of them; the exit code stays 2.
 */

/** What an argument is, in words: `<id>` is "an id". */
const ARGUMENT_WORDS: Record<string, string> = {
  id: 'an id',
  file: 'a file',
  action: 'what to do',
  what: 'what happened',
  args: 'a setting or list and its value',
};

function nearest(typed: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

const quoted = (words: readonly string[]) => words.map((word) => `"${clean(word)}"`).join(' ');

export class AttachCommand extends Command {
  override createCommand(name?: string): AttachCommand {
    return new AttachCommand(name);
  }

  /** "attach show", "attach": how the command is typed. */
  private typed(): string {
    const names: string[] = [];
    for (let cmd: Command | null = this; cmd; cmd = cmd.parent) names.unshift(cmd.name());
    return names.join(' ');
  }

  private fail(message: string, code: string): never {
    this.error(message, { code, exitCode: 2 });
  }

  missingArgument(name: string): never {
    const where = this.typed();
    if (name === 'id') this.fail(`${where} needs an id; ${command('attach list')} shows them.`, 'commander.missingArgument');
    if (name === 'file') {
      this.fail(`${where} needs the file to bring in, for example ${command(`${where} attach-backup.json`)}.`, 'commander.missingArgument');
    }
    const words = ARGUMENT_WORDS[name] ?? name;
    this.fail(`${where} needs ${words}; ${command(`${where} --help`)} shows how.`, 'commander.missingArgument');
  }

  optionMissingArgument(option: Option): never {
    const flag = option.long ?? option.short ?? option.flags;
    const value = /<[^>]*>/.exec(option.flags)?.[0] ?? '<value>';
    this.fail(`${flag} needs a value after it: ${command(`${flag} ${value}`)}, ${option.description}.`, 'commander.optionMissingArgument');
  }

  unknownOption(flag: string): never {
    const where = this.typed();
    const candidates: string[] = [];
    for (let cmd: Command | null = this; cmd; cmd = cmd.parent)
      for (const option of cmd.options) if (option.long) candidates.push(option.long);
    const near = flag.startsWith('--') ? nearest(flag.split('=')[0]!, candidates) : undefined;
    const hint = near ? ` Did you mean ${near}?` : '';
    this.fail(
      `${where} has no option ${clean(flag)}.${hint} ${command(`${where} --help`)} lists the ones it has.`,
      'commander.unknownOption',
    );
  }

  unknownCommand(): never {
    const typed = this.args[0] ?? '';
    const names = this.commands.map((cmd) => cmd.name());
    const near = nearest(typed, names);
    if (near) this.fail(`attach has no command "${clean(typed)}". Did you mean ${command(`attach ${near}`)}?`, 'commander.unknownCommand');
    // Words that were meant as a moment: `attach "no reply since this morning"`.
    const words = this.args.join(' ');
    this.fail(
      `attach has no command "${clean(typed)}". To log a moment in your own words: ${command(`attach log "${clean(words)}"`)}; ` +
        `${command('attach --help')} lists the commands.`,
      'commander.unknownCommand',
    );
  }

  _excessArguments(received: string[]): never {
    const where = this.typed();
    const expected = this.registeredArguments as readonly Argument[];
    const extra = received.slice(expected.length);
    const takes =
      expected.length === 0
        ? 'no words after its name'
        : expected.length === 1
          ? `just ${ARGUMENT_WORDS[expected[0]!.name()] ?? expected[0]!.name()}`
          : `at most ${expected.map((argument) => ARGUMENT_WORDS[argument.name()] ?? argument.name()).join(' and ')}`;
    const phrase = expected.some((argument) => argument.name() === 'what') ? '' : ' Words that belong together go in quotes.';
    this.fail(
      `${where} takes ${takes}, and was given ${quoted(extra)} as well.${phrase} ${command(`${where} --help`)} shows how.`,
      'commander.excessArguments',
    );
  }
}

/** Where commander's messages and help go: help on stdout; mistakes on stderr, as one wrapped, cleaned line. */
export const OUTPUT = {
  // commander's own messages echo an unknown option or command as typed: shown neutralised, like entry text.
  outputError: (text: string) => say(process.stderr, clean(text.trimEnd())),
};
