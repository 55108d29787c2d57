import { type Command, Option } from 'commander';
import { BREATHS } from '../journal/breaths.js';
import { fieldOf } from '../journal/fields.js';
import { createOptions, editOptions } from '../parse/field-flags.js';
import { parseChoice, parseMinutes } from '../parse/values.js';
import { addOptions, examples, lazy, type MakeContext, type Wanted, withFilters } from './shared.js';

/** The commands that write and read entries: log, pause, reflect, list, show, edit, delete. */
export function declareEntryCommands(program: Command, wanted: Wanted, context?: MakeContext): void {
  if (wanted('log'))
    addOptions(program.command('log'), createOptions('trigger'))
      .summary('log a moment that activated you')
      .description(
        'Log a moment that activated you: what happened, how strong it is, where you feel it, the urge. ' +
          'On a terminal it asks for whatever the options did not say.',
      )
      .argument('[what...]', fieldOf('trigger', 'what')!.flag!.help)
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
      .action(lazy((app) => app.log, context));

  if (wanted('pause'))
    addOptions(program.command('pause'), createOptions('pause', { at: 'when a pause you took happened: records it without the timer' }))
      .summary('a guided pause for when the urge is loud (20 minutes)')
      .description(
        'Practise the pause: a timer that leads your breathing while the urge rises and falls. ' +
          'Keys while it runs: space pause/resume · + / - a minute · n write a note · ' +
          'm hold the message you want to send · q finish early. ' +
          'Ctrl-C stops it and saves the time so far.',
      )
      .addOption(
        new Option(
          '-m, --minutes <n>',
          'how long, 0.05 to 180; decimals allowed (default: 20, or pauseMinutes in your settings)',
        ).argParser(parseMinutes),
      )
      .addOption(
        new Option('--breath <pattern>', 'box (4-4-4-4), 478, coherent (5-5) or none (default: coherent)').argParser((raw) =>
          parseChoice(raw, '--breath', BREATHS),
        ),
      )
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
      .action(lazy((app) => app.pause, context));

  if (wanted('reflect'))
    addOptions(program.command('reflect'), createOptions('reflection'))
      .summary('look at a protest behaviour with curiosity, and find a direct way to ask')
      .description(
        'Look at something you did when the alarm was loud (texting again and again, going quiet, keeping score) ' +
          'with curiosity instead of blame: the need underneath, what you hoped for, and words you could actually say.',
      )
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
      .action(lazy((app) => app.reflect, context));

  if (wanted('list'))
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
      .action(lazy((app) => app.list, context));

  if (wanted('show'))
    program
      .command('show')
      .summary('show one entry and what is linked to it')
      .description('Show one entry in full, with the pauses and reflections linked to it.')
      .argument('<id>', 'the entry id, or enough of its first characters to be unique')
      .option('--json', 'print the entry as JSON, with "linked": the ids of entries that point to it')
      .addHelpText('after', examples('attach show 5f0c', 'attach show 5f0c2d9e --json'))
      .action(lazy((app) => app.show, context));

  if (wanted('edit'))
    addOptions(program.command('edit'), editOptions())
      .summary('change an entry')
      .description(
        'Change an entry. On a terminal it asks its questions again with your answers filled in; ' +
          'without one, give the same options as the command that made it.',
      )
      .argument('<id>', 'the entry id, or enough of its first characters to be unique')
      .option(
        '--clear <fields>',
        'empty these fields, e.g. thought,note (repeat or use commas)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option('--json', 'print the changed entry as JSON')
      .addHelpText(
        'after',
        examples(
          'attach edit 5f0c',
          'attach edit 5f0c --intensity 5 --who friend',
          'attach edit 9a2b --ask "Could we talk tonight?"',
          'attach edit 7c1d --urge-text "call him"',
          'attach edit 5f0c --clear thought,note',
          'attach edit 7c1d --for none',
        ),
      )
      .action(lazy((app) => app.edit, context));

  if (wanted('delete'))
    program
      .command('delete')
      .summary('remove an entry (attach undo brings it back for 7 days)')
      .description(
        'Remove an entry, after showing it and asking. It stays in the trash for 7 days, so attach undo can bring it back; ' +
          'no sync, merge or import brings it back by itself. Entries linked to it stay, and get their link back with it.',
      )
      .argument('<id>', 'the entry id, or enough of its first characters to be unique')
      .option('-y, --yes', 'do not ask (needed without a terminal)')
      .option('--purge', 'remove its words at once, from the trash too (also for an entry already deleted)')
      .addHelpText('after', examples('attach delete 5f0c', 'attach delete 5f0c2d9e --yes', 'attach delete 5f0c --purge'))
      .action(lazy((app) => app.delete, context));

  if (wanted('follow-up'))
    addOptions(program.command('follow-up'), createOptions('follow-up'))
      .summary('what happened next, after a moment or a reflection')
      .description(
        'Look back on a moment (what really happened, and did the story your mind told come true?) or on a reflection ' +
          '(did you make the ask, and how did it land?). Seeing the loop close, again and again, is how the alarm learns. ' +
          'On a terminal, without an id, it offers what the last 7 days left without a follow-up.',
      )
      .argument('[id]', 'the moment or reflection to look back on (the first few characters of its id are enough)')
      .option('--json', 'print the saved follow-up as JSON')
      .addHelpText(
        'after',
        examples(
          'attach follow-up',
          'attach follow-up 5f0c --happened "he was stuck in meetings" --fear did-not -i 2',
          'attach follow-up 9a2b --asked yes --landed yes',
        ),
      )
      .action(lazy((app) => app.followUp, context));

  if (wanted('plan'))
    addOptions(program.command('plan'), createOptions('plan'))
      .summary('if-then plans: "when he doesn\'t reply for hours, I will ..."')
      .description(
        'Plans of your own for the moments that come back: when this happens, I will do that. ' +
          'A plan is shown when a moment it is for is logged, and at the start of a pause for that moment. ' +
          'attach plan lists the plans in use; add makes one; retire puts one away (it is kept).',
      )
      .argument('[action]', 'list, add or retire (default: list)')
      .argument('[id]', 'the plan to retire')
      .option('--all', 'list retired plans too')
      .option('--json', 'print the plans (or the saved plan) as JSON')
      .addHelpText(
        'after',
        examples(
          'attach plan',
          'attach plan add',
          'attach plan add --when "he doesn\'t reply for hours" --then "take a pause, then call Sam" -t delayed-reply',
          'attach plan retire 3e1a',
        ),
      )
      .action(lazy((app) => app.plan, context));

  if (wanted('glimmer'))
    addOptions(program.command('glimmer'), createOptions('glimmer'))
      .summary('a moment that felt safe, warm or connected')
      .description(
        'Keep a glimmer: a small moment that felt safe, warm or connected, the opposite of a trigger. ' +
          'After a hard moment with the same person, attach may show one from earlier, once a day ' +
          '(attach config set glimmerReminders off turns it off).',
      )
      .argument('[what...]', fieldOf('glimmer', 'what')!.flag!.help)
      .option('--json', 'print the saved glimmer as JSON')
      .addHelpText(
        'after',
        examples('attach glimmer', 'attach glimmer "she texted good luck before my interview" --who partner -k cared-for -b warm-chest'),
      )
      .action(lazy((app) => app.glimmer, context));
}
