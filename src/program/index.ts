import type { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { SCOPE } from '../render/safety.js';
import { widthOf } from '../ui/stream.js';
import { declareCareCommands } from './care-commands.js';
import { declareDataCommands } from './data-commands.js';
import { declareEntryCommands } from './entry-commands.js';
import { examplesText, layoutHelp } from './help.js';
import type { MakeContext, Wanted } from './shared.js';
import { declareSyncCommands } from './sync-commands.js';
import { AttachCommand, OUTPUT } from './voice.js';

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

/**
 * `first` is the first word of the command line. When it names a command,
 * only that one is declared: declaring all twenty-two (their options come
 * from the table of fields) was about a tenth of a short command's start.
 * Anything else (help, a global option first, a typo to suggest a
 * command for) gets them all.
 */
export function buildProgram(context?: MakeContext, first?: string): Command {
  const program = layoutHelp(new AttachCommand('attach'))
    .configureOutput(OUTPUT)
    .description(`A private journal for the moments your attachment alarm goes off.\n\n${SCOPE}`)
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show the help of a command')
    .option('--file <path>', 'the journal file (default: $ATTACH_FILE, else $XDG_DATA_HOME/attach/journal.json)')
    .option('--no-color', 'plain text without colours (NO_COLOR works too)')
    .option('--no-input', 'never ask questions; missing answers are an error instead')
    .option('--debug', 'show the full technical details when something goes wrong')
    .exitOverride()
    .addHelpText('after', ({ error }) => examplesText(MAIN_EXAMPLES, widthOf(error ? process.stderr : process.stdout), true));

  const declare = (wanted: Wanted) => {
    declareEntryCommands(program, wanted, context);
    declareDataCommands(program, wanted, context);
    declareSyncCommands(program, wanted, context);
    declareCareCommands(program, wanted, context);
  };
  declare((name) => name === first);
  if (program.commands.length === 0) declare(() => true);
  return program;
}
