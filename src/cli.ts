import { Command, CommanderError, type OptionValues } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { AttachError, isPromptCancel } from './errors.js';
import { CRISIS_LINES, SCOPE } from './render/safety.js';

/*
 * The program's shape and its one error boundary. Commands are described
 * here (so `--help` needs nothing else) and their code is imported only when
 * one runs: `attach --help` stays close to a bare `node` start.
 */

type Run = (...args: never[]) => Promise<void>;
type Loader = () => Promise<{ run: Run }>;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((text) => `  ${text}`).join('\n')}\n`;
}

/** Wires a command to its lazily loaded module: positional arguments and options in, the context added last. */
function lazy(load: Loader) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const [{ run }, { createContext }] = await Promise.all([load(), import('./context.js')]);
    const ctx = await createContext(command.optsWithGlobals<OptionValues>(), command.name());
    await (run as (...a: unknown[]) => Promise<void>)(...args.slice(0, -2), command.opts(), ctx);
  };
}

/** The filters `list` and `export` share. */
function withFilters(command: Command): Command {
  return command
    .option('--type <type>', 'only trigger, pause or reflection entries')
    .option('--from <date>', 'from this day: 2026-11-01, "last monday", "2 weeks ago"')
    .option('--to <date>', 'up to this day')
    .option('--who <who>', 'only moments with this person (partner, friend, ... or your own words)')
    .option('--tag <tag>', 'only entries with this tag')
    .option('--search <text>', 'only entries whose words contain this text (any field, any case)');
}

export function buildProgram(): Command {
  const program = new Command('attach')
    .description(`A private journal for the moments your attachment alarm goes off.\n\n${SCOPE}`)
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--file <path>', 'the journal file (default: $ATTACH_FILE, else $XDG_DATA_HOME/attach/journal.json)')
    .option('--no-color', 'plain text without colours (NO_COLOR works too)')
    .option('--no-input', 'never ask questions; missing answers are an error instead')
    .option('--debug', 'show the full technical details when something goes wrong')
    .showSuggestionAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      `${examples('attach log', 'attach log "no reply since this morning" -i 7 -b tight-chest', 'attach pause', 'attach reflect', 'attach report', 'attach list')}\n${CRISIS_LINES.join('\n')}\n`,
    );

  program
    .command('log')
    .summary('log a moment that activated you')
    .description(
      'Log a moment that activated you: what happened, how strong it is, where you feel it, the urge.\nOn a terminal it asks for whatever the options did not say.',
    )
    .argument('[what...]', 'what happened, in a few words')
    .option('--who <who>', 'who it was with (partner, friend, work, ... or your own words)')
    .option('-t, --trigger <name>', 'what set it off (repeat or use commas)', collect)
    .option('-i, --intensity <0-10>', 'how strong it is, 0 to 10')
    .option('-b, --body <signal>', 'where you feel it, e.g. tight-chest (repeat or use commas)', collect)
    .option('--thought <text>', 'the story your mind is telling')
    .option('-u, --urge <urge>', 'what the alarm pushes you to do, e.g. double-text (repeat or use commas)', collect)
    .option('-p, --protest <behaviour>', 'a protest behaviour, if you would call it one (repeat or use commas)', collect)
    .option('--instead <text>', 'what you did instead')
    .option('--tag <tag>', 'a tag of your own (repeat or use commas)', collect)
    .option('--at <when>', 'when it happened: 2026-11-22T21:30, "yesterday 21:30", "2h ago" (default: now)')
    .option('--note <text>', 'anything else')
    .option('--json', 'print the saved entry as JSON')
    .addHelpText(
      'after',
      examples(
        'attach log',
        'attach log "no reply for four hours" -i 7 --who partner -t delayed-reply -b tight-chest,racing-heart -u double-text',
        'attach log "my manager skipped our 1:1" -i 5 --who work --at "yesterday 16:00"',
        'attach log "quiet dinner, felt far apart" -i 6 --thought "they are losing interest" --json',
      ),
    )
    .action(lazy(() => import('./commands/log.js')));

  program
    .command('pause')
    .summary('a guided pause for when the urge is loud (20 minutes)')
    .description(
      'Practise the pause: a timer that leads your breathing while the urge rises and falls.\n' +
        'Keys while it runs: space pause/resume · + / - a minute · n write a note · q finish early.\n' +
        'Ctrl-C stops it and saves the time so far.',
    )
    .option('-m, --minutes <n>', 'how long, 0.05 to 180; decimals allowed (default: 20, or pauseMinutes in your settings)')
    .option('--urge <text>', 'the urge you are pausing with')
    .option('--before <0-10>', 'how strong the urge is now (needed when attach cannot ask)')
    .option('--after <0-10>', 'how strong it is afterwards, when not asked')
    .option('--passed <yes|no>', 'whether the urge passed, when not asked')
    .option('--breath <pattern>', 'box (4-4-4-4), 478, coherent (5-5) or none (default: coherent)')
    .option('--for <id>', 'the logged moment this pause is for, or none (default: offers the latest of the last 2 hours)')
    .option('--plain', 'no animation and no keys: a line a minute')
    .option('--no-bell', 'no bell when the time is up')
    .option('--json', 'print the saved pause as JSON')
    .addHelpText(
      'after',
      examples(
        'attach pause',
        'attach pause --minutes 10 --breath box',
        'attach pause --for 5f0c',
        'attach pause --plain --before 8 --urge "text again" --minutes 20',
      ),
    )
    .action(lazy(() => import('./commands/pause.js')));

  program
    .command('reflect')
    .summary('look at a protest behaviour with curiosity, and find a direct way to ask')
    .description(
      'Look at something you did when the alarm was loud (texting again and again, going quiet, keeping score)\n' +
        'with curiosity instead of blame: the need underneath, what you hoped for, and words you could actually say.',
    )
    .option('-p, --protest <behaviour>', 'what you did, e.g. excessive-contact, withdrawing (repeat or use commas)', collect)
    .option('--for <id>', 'the logged moment this is about, or none (default: offers the latest of the last 24 hours)')
    .option('--situation <text>', 'what happened just before')
    .option('--need <need>', 'the need underneath, e.g. reassurance, closeness (repeat or use commas)', collect)
    .option('--hoped <text>', 'what you hoped would happen')
    .option('--happened <text>', 'what actually happened')
    .option('--felt <feeling>', 'how it felt afterwards, e.g. insecure, lonely, or your own words')
    .option('--ask <text>', 'the direct ask, in your words')
    .option('--json', 'print the saved reflection as JSON')
    .addHelpText(
      'after',
      examples(
        'attach reflect',
        'attach reflect --for 5f0c',
        'attach reflect -p excessive-contact --need reassurance --felt insecure',
        'attach reflect -p withdrawing --ask "Could we talk tonight? I felt far from you today." --json',
      ),
    )
    .action(lazy(() => import('./commands/reflect.js')));

  program
    .command('report')
    .summary('what happened, and the patterns behind it (the last 7 days)')
    .description(
      'A summary of a period (by default the 7 days ending today) and the patterns that keep coming back\n' +
        'over the weeks before it, such as "Sunday evenings: 6 of the last 8 weeks".',
    )
    .option('--week [YYYY-Www]', 'an ISO week, Monday to Sunday (alone: this week)')
    .option('--from <date>', 'the first day, e.g. 2026-11-16 or "last monday"')
    .option('--to <date>', 'the last day (alone: the 7 days ending then)')
    .option('--lookback <weeks>', 'how many weeks to search for patterns (default: 8)')
    .option('--format <format>', 'text, json or md (default: text)')
    .option('--json', 'the same as --format json: the attach.report/1 object')
    .option('-o, --out <file>', 'write the report to a file (readable only by you) instead of the screen')
    .addHelpText(
      'after',
      examples(
        'attach report',
        'attach report --week',
        'attach report --week 2026-W47 --format md -o week-47.md',
        'attach report --from 2026-10-01 --to 2026-10-31 --lookback 12',
        'attach report --json | jq .patterns',
      ),
    )
    .action(lazy(() => import('./commands/report.js')));

  withFilters(program.command('list'))
    .summary('browse and search your entries, newest first')
    .description('Browse and search your entries, newest first.')
    .option('--limit <n>', 'how many to show (default: 20 on a terminal, all when piped)')
    .option('--json', 'print the entries as a JSON array')
    .addHelpText(
      'after',
      examples(
        'attach list',
        'attach list --type trigger --limit 5',
        'attach list --search "no reply" --from "2 weeks ago"',
        'attach list --who partner --tag weekend',
        'attach list --json > entries.json',
      ),
    )
    .action(lazy(() => import('./commands/list.js')));

  program
    .command('show')
    .summary('show one entry and what is linked to it')
    .description('Show one entry in full, with the pauses and reflections linked to it.')
    .argument('<id>', 'the entry id, or enough of its first characters to be unique')
    .option('--json', 'print the entry as JSON, with "linked": the ids of entries that point to it')
    .addHelpText('after', examples('attach show 5f0c', 'attach show 5f0c2d9e --json'))
    .action(lazy(() => import('./commands/show.js')));

  program
    .command('edit')
    .summary('change an entry')
    .description(
      'Change an entry. On a terminal it asks its questions again with your answers filled in;\nwithout one, give the same options as the command that made it.',
    )
    .argument('<id>', 'the entry id, or enough of its first characters to be unique')
    .option('--what <text>', 'what happened (a logged moment)')
    .option('--who <who>', 'who it was with')
    .option('-t, --trigger <name>', 'what set it off (repeat or use commas; replaces the list)', collect)
    .option('-i, --intensity <0-10>', 'how strong it was')
    .option('-b, --body <signal>', 'where you felt it (replaces the list)', collect)
    .option('--thought <text>', 'the story your mind told')
    .option('-u, --urge <urge>', 'the urges (replaces the list)', collect)
    .option('-p, --protest <behaviour>', 'protest behaviours (replaces the list)', collect)
    .option('--instead <text>', 'what you did instead')
    .option('--tag <tag>', 'tags (replaces the list)', collect)
    .option('--at <when>', 'when it happened')
    .option('--note <text>', 'a note')
    .option('--urge-text <text>', 'the urge of a pause')
    .option('--before <0-10>', 'a pause: how strong before')
    .option('--after <0-10>', 'a pause: how strong after')
    .option('--passed <yes|no>', 'a pause: whether the urge passed')
    .option('--situation <text>', 'a reflection: what happened just before')
    .option('--need <need>', 'a reflection: the needs (replaces the list)', collect)
    .option('--hoped <text>', 'a reflection: what you hoped for')
    .option('--happened <text>', 'a reflection: what happened')
    .option('--felt <feeling>', 'a reflection: how it felt')
    .option('--ask <text>', 'a reflection: the direct ask')
    .option('--json', 'print the changed entry as JSON')
    .addHelpText(
      'after',
      examples('attach edit 5f0c', 'attach edit 5f0c --intensity 5 --who friend', 'attach edit 9a2b --ask "Could we talk tonight?"'),
    )
    .action(lazy(() => import('./commands/edit.js')));

  program
    .command('delete')
    .summary('remove an entry')
    .description('Remove an entry, after showing it and asking. Pauses and reflections linked to a deleted moment stay, without the link.')
    .argument('<id>', 'the entry id, or enough of its first characters to be unique')
    .option('-y, --yes', 'do not ask (needed without a terminal)')
    .addHelpText('after', examples('attach delete 5f0c', 'attach delete 5f0c2d9e --yes'))
    .action(lazy(() => import('./commands/delete.js')));

  withFilters(program.command('export'))
    .summary('take your entries out: JSON, CSV or Markdown')
    .description(
      'Write your entries as JSON (the journal format itself, importable), CSV (for a spreadsheet) or Markdown (a journal by day).',
    )
    .option('--format <format>', 'json, csv or md (default: json)')
    .option('-o, --out <file>', 'write to a file (readable only by you) instead of the screen')
    .addHelpText(
      'after',
      examples(
        'attach export -o attach-backup.json',
        'attach export --format csv -o entries.csv',
        'attach export --format md --from 2026-11-01 -o november.md',
        'attach export --type reflection --format md',
      ),
    )
    .action(lazy(() => import('./commands/export.js')));

  program
    .command('import')
    .summary('bring entries in from an attach JSON file, merged by id')
    .description(
      'Bring in entries from an attach JSON file (an export, a backup, or a journal from another device).\nEntries already here are skipped; the same id with different content is a conflict, settled by --prefer.',
    )
    .argument('<file>', 'the attach JSON file')
    .option('--dry-run', 'say what would change, and change nothing')
    .option('--prefer <side>', 'on a conflict keep theirs (the file) or ours (the journal); without it, conflicts are left as they are')
    .addHelpText(
      'after',
      examples(
        'attach import attach-backup.json --dry-run',
        'attach import laptop-journal.json',
        'attach import phone.json --prefer theirs',
      ),
    )
    .action(lazy(() => import('./commands/import.js')));

  program
    .command('doctor')
    .summary('where your files are, whether they are healthy, and repair')
    .description(
      'Where the journal, settings, backups and lock are, and whether they are healthy.\nWith --repair, recovers what it can from a journal that no longer opens (the broken file is kept).',
    )
    .option('--repair', 'recover a journal that no longer opens')
    .option('-y, --yes', 'repair without asking (needed without a terminal)')
    .option('--json', 'print the findings as JSON')
    .addHelpText('after', examples('attach doctor', 'attach doctor --repair', 'attach doctor --json'))
    .action(lazy(() => import('./commands/doctor.js')));

  program
    .command('encrypt')
    .summary('keep your journal unreadable without a passphrase')
    .description(
      'Encrypt your journal and its backups (AES-256-GCM, key from your passphrase with scrypt).\n' +
        'The passphrase is asked twice, hidden, or read from ATTACH_PASSPHRASE; never from an option.\n' +
        'Without it nobody can open the journal, not even you: keep it somewhere safe.',
    )
    .addHelpText('after', examples('attach encrypt', 'ATTACH_PASSPHRASE="$(pass show attach)" attach list'))
    .action(lazy(() => import('./commands/encrypt.js')));

  program
    .command('decrypt')
    .summary('turn encryption off again')
    .description('Decrypt your journal and its backups, so they are plain JSON again.')
    .addHelpText('after', examples('attach decrypt'))
    .action(lazy(() => import('./commands/decrypt.js')));

  program
    .command('config')
    .summary('show and set preferences, and your own catalogue items')
    .description(
      'Show and set preferences (pauseMinutes, breath, lookbackWeeks, journal) and add your own items to the lists\n' +
        'attach offers (trigger, body, urge, protest, need, feeling, activity).',
    )
    .argument('[action]', 'list, get, set, unset, add or remove (default: list)')
    .argument('[args...]', 'the key and value, or the list and the item')
    .option('--json', 'print the settings as JSON (with list)')
    .addHelpText(
      'after',
      examples(
        'attach config',
        'attach config set pauseMinutes 15',
        'attach config set breath box',
        'attach config add trigger "mom calls twice"',
        'attach config remove trigger "mom calls twice"',
        'attach config unset journal',
      ),
    )
    .action(lazy(() => import('./commands/config.js')));

  return program;
}

function writeError(error: unknown, debug: boolean): number {
  const stderr = process.stderr;
  if (error instanceof CommanderError) {
    // Help and version are successes; commander has already printed the reason otherwise.
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? 0 : 2;
  }
  if (isPromptCancel(error)) {
    stderr.write('\nNothing was saved.\n');
    return 130;
  }
  if (error instanceof AttachError) {
    stderr.write(`${[error.message, ...error.details].join('\n')}\n`);
    if (debug && error.stack) stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`attach ran into a bug and stopped: ${message}\n`);
  stderr.write(
    debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'Run the same command with --debug to see the details.\n',
  );
  return 1;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return writeError(error, argv.includes('--debug'));
  }
}

// A reader that stops early (`attach list | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const code = await main();
// Done: a late Ctrl-C must not turn a finished run into a death by signal.
// Exit once everything written has reached stdout and stderr, rather than
// waiting for timers (a prompt's or a lock's) to wind down.
process.on('SIGINT', () => {});
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
