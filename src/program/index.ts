import { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { clean } from '../render/clean.js';
import { CRISIS_LINES, SCOPE } from '../render/safety.js';
import { declareCareCommands } from './care-commands.js';
import { declareDataCommands } from './data-commands.js';
import { declareEntryCommands } from './entry-commands.js';
import { examples, type MakeContext } from './shared.js';

/*
 * The program's shape. Commands are described here (so `--help` needs
 * nothing else) and their code is imported only when one runs: `attach
 * --help` stays close to a bare `node` start.
 */

const MAIN_EXAMPLES = [
  'attach log',
  'attach log "no reply since this morning" -i 7 -b tight-chest',
  'attach pause',
  'attach reflect',
  'attach report',
  'attach list',
];

export function buildProgram(context?: MakeContext): Command {
  const program = new Command('attach')
    .description(`A private journal for the moments your attachment alarm goes off.\n\n${SCOPE}`)
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--file <path>', 'the journal file (default: $ATTACH_FILE, else $XDG_DATA_HOME/attach/journal.json)')
    .option('--no-color', 'plain text without colours (NO_COLOR works too)')
    .option('--no-input', 'never ask questions; missing answers are an error instead')
    .option('--debug', 'show the full technical details when something goes wrong')
    .showSuggestionAfterError()
    // commander's own messages echo an unknown option or command as typed: shown neutralised, like entry text.
    .configureOutput({ outputError: (text, write) => write(clean(text)) })
    .exitOverride()
    .addHelpText('after', `${examples(...MAIN_EXAMPLES)}\n${CRISIS_LINES.join('\n')}\n`);

  declareEntryCommands(program, context);
  declareDataCommands(program, context);
  declareCareCommands(program, context);
  return program;
}
