import type { Command } from 'commander';
import { examples, lazy, type MakeContext, type Wanted } from './shared.js';

/** The commands for a journal kept on several devices, and for a slip of the finger: undo, merge, merge-driver. */
export function declareSyncCommands(program: Command, wanted: Wanted, context?: MakeContext): void {
  if (wanted('undo'))
    program
      .command('undo')
      .summary('bring back the most recent deletion (kept 7 days)')
      .description(
        'Bring back an entry you deleted: the most recent deletion, or the one whose id you give. ' +
          'Deleted entries are kept in the trash for 7 days. On a terminal, without an id, it shows the entry and asks first.',
      )
      .argument('[id]', 'the deleted entry, or enough of its first characters to be unique (see --list)')
      .option('--list', 'show what can be brought back, the most recent deletion first')
      .addHelpText('after', examples('attach undo', 'attach undo 5f0c', 'attach undo --list'))
      .action(lazy((app) => app.undo, context));

  if (wanted('merge'))
    program
      .command('merge')
      .summary('merge the copies a sync tool left beside your journal')
      .description(
        'Merge into your journal the conflict copies Syncthing, Dropbox or Nextcloud left beside it (or the attach journals you name). ' +
          'Entries from either side are kept, a newer edit wins (the older version is kept in the trash), and deletes stay deleted. ' +
          'The copies found beside it are then kept in merged/ beside the journal, never deleted. Running it again changes nothing. ' +
          'For a journal kept in a git repository, attach merge-driver --help shows the two lines that let git merge it.',
      )
      .argument('[file...]', 'attach journals to merge in (default: the conflict copies beside your journal)')
      .option('--dry-run', 'say what would change, and change nothing')
      .addHelpText(
        'after',
        examples(
          'attach merge',
          'attach merge --dry-run',
          'attach merge ~/Downloads/journal-from-laptop.json',
          'attach merge a.json b.json',
        ),
      )
      .action(lazy((app) => app.merge, context));

  // Left out of `attach --help`'s list (git runs it, not a person; its arguments would widen every row): merge's help names it.
  if (wanted('merge-driver'))
    program
      .command('merge-driver', { hidden: true })
      .summary('a git merge driver for a journal kept in a git repository')
      .description(
        'A git merge driver: merges our journal (%A) and theirs (%B) the way attach merge does and writes the result to %A. ' +
          'Set it up once in the repository with the two lines below; git then merges journals without conflict markers.',
      )
      .argument('<ancestor>', "git's %O: the common ancestor (not needed: deletes are kept in the journal)")
      .argument('<ours>', "git's %A: our version, where the merged journal is written")
      .argument('<theirs>', "git's %B: their version")
      .addHelpText(
        'after',
        examples("echo 'journal.json merge=attach' >> .gitattributes", "git config merge.attach.driver 'attach merge-driver %O %A %B'"),
      )
      .action(lazy((app) => app.mergeDriver, context));
}
