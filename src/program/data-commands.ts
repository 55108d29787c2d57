import type { Command } from 'commander';
import { examples, lazy, type MakeContext, type Wanted, withFilters } from './shared.js';

/** The commands that take a journal's data out, bring it in, and look back over it: report, export, import. */
export function declareDataCommands(program: Command, wanted: Wanted, context?: MakeContext): void {
  if (wanted('report'))
    program
      .command('report')
      .summary('what happened, and the patterns behind it (the last 7 days)')
      .description(
        'A summary of a period (by default the 7 days ending today) and the patterns that keep coming back ' +
          'over the weeks before it, such as "Sunday evenings: 6 of the last 8 weeks". ' +
          'With --format html on a terminal, the page is written to $XDG_STATE_HOME/attach/pages/ (~/.local/state/attach/pages), ' +
          'readable only by you and replaced each time; piped, the page itself is printed.',
      )
      .option('--week [YYYY-Www]', 'an ISO week, Monday to Sunday (alone: this week)')
      .option('--from <date>', 'the first day, e.g. 2026-11-16 or "last monday"')
      .option('--to <date>', 'the last day (alone: the 7 days ending then)')
      .option('--lookback <weeks>', 'how many weeks to search for patterns (default: 8)')
      .option('--format <format>', 'text, json, md or html (default: text)')
      .option('--json', 'the same as --format json: the attach.report/1 object')
      .option('--why', 'under each pattern, the days that made it')
      .option('--open', 'open the HTML page in your browser (with --format html)')
      .option('-o, --out <file>', 'write the report to a file (readable only by you) instead of the screen')
      .addHelpText(
        'after',
        examples(
          'attach report',
          'attach report --week',
          'attach report --why',
          'attach report --week 2026-W47 --format md -o week-47.md',
          'attach report --from 2026-10-01 --to 2026-10-31 --lookback 12',
          'attach report --json | jq .patterns',
          'attach report --format html --open',
          'attach report --week --format html -o week.html',
        ),
      )
      .action(lazy((app) => app.report, context));

  if (wanted('export'))
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
      .action(lazy((app) => app.export, context));

  if (wanted('import'))
    program
      .command('import')
      .summary('bring entries in from an attach JSON file, merged by id')
      .description(
        'Bring in entries from an attach JSON file (an export, a backup, or a journal from another device). ' +
          'Entries already here are skipped; the same id with different content is a conflict, settled by --prefer. ' +
          'Entries you deleted here stay deleted. ' +
          'To merge another copy of this journal both ways (edits and deletes too): attach merge <file>.',
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
      .action(lazy((app) => app.import, context));

  if (wanted('progress'))
    program
      .command('progress')
      .summary('change over months, named only when your entries show it')
      .description(
        'How moments, pauses, follow-ups and glimmers went month by month, and what changed over those months. ' +
          'A change is named only when a trend test over all your entries supports it; "no clear change yet" is a fine answer.',
      )
      .option('--months <n>', 'how many months, ending with --to (default 6)')
      .option('--to <YYYY-MM>', 'the last month (default: this month, still under way)')
      .option('--format <format>', 'text (default), json (the attach.progress/1 object), md (Markdown) or html (a page)')
      .option('--json', 'the same as --format json')
      .option('--open', 'open the HTML page in your browser (with --format html)')
      .option('-o, --out <file>', 'write it to a file (readable only by you) instead of the screen')
      .addHelpText(
        'after',
        examples(
          'attach progress',
          'attach progress --months 12',
          'attach progress --to 2026-10 --months 3',
          'attach progress --format md -o progress.md',
          'attach progress --json | jq .changes',
          'attach progress --format html --open',
        ),
      )
      .action(lazy((app) => app.progress, context));
}
