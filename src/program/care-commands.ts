import type { Command } from 'commander';
import { examples, lazy, type MakeContext, type Wanted } from './shared.js';

/** The commands that look after the files: doctor, encrypt, passphrase, decrypt, config. */
export function declareCareCommands(program: Command, wanted: Wanted, context?: MakeContext): void {
  if (wanted('doctor'))
    program
      .command('doctor')
      .summary('where your files are, whether they are healthy, and repair')
      .description(
        'Where the journal, settings, backups and lock are, and whether they are healthy. ' +
          'With --repair, recovers what it can from a journal that no longer opens (the broken file is kept).',
      )
      .option('--repair', 'recover a journal that no longer opens')
      .option('-y, --yes', 'repair without asking (needed without a terminal)')
      .option('--json', 'print the findings as JSON')
      .addHelpText('after', examples('attach doctor', 'attach doctor --repair', 'attach doctor --json'))
      .action(lazy((app) => app.doctor, context));

  if (wanted('encrypt'))
    program
      .command('encrypt')
      .summary('keep your journal unreadable without a passphrase')
      .description(
        'Encrypt your journal and every file attach keeps beside it (AES-256-GCM, key from your passphrase with scrypt). ' +
          'The passphrase is asked twice, hidden, or read from ATTACH_PASSPHRASE; never from an option. ' +
          'Without it nobody can open the journal, not even you: keep it somewhere safe.',
      )
      .addHelpText('after', examples('attach encrypt', 'ATTACH_PASSPHRASE="$(pass show attach)" attach list'))
      .action(lazy((app) => app.encrypt, context));

  if (wanted('passphrase'))
    program
      .command('passphrase')
      .summary('change the passphrase of your encrypted journal')
      .description(
        'Change the passphrase: the current one is asked first, then the new one twice, hidden ' +
          '(without a terminal: ATTACH_PASSPHRASE and ATTACH_NEW_PASSPHRASE). ' +
          'The journal, its backups and the copies kept beside it are sealed again; the old passphrase opens none of them.',
      )
      .addHelpText(
        'after',
        examples(
          'attach passphrase',
          'ATTACH_PASSPHRASE="$(pass show attach)" ATTACH_NEW_PASSPHRASE="$(pass show attach-new)" attach passphrase',
        ),
      )
      .action(lazy((app) => app.passphrase, context));

  if (wanted('decrypt'))
    program
      .command('decrypt')
      .summary('turn encryption off again')
      .description('Decrypt your journal and every file attach keeps beside it, so they are plain again.')
      .addHelpText('after', examples('attach decrypt'))
      .action(lazy((app) => app.decrypt, context));

  if (wanted('config'))
    program
      .command('config')
      .summary('show and set preferences, and your own catalogue items')
      .description(
        'Show and set preferences (pauseMinutes, breath, lookbackWeeks, journal, glimmerReminders) and add your own items ' +
          'to the lists attach offers (who, trigger, body, urge, protest, need, feeling, activity, next, support, glimmer, glimmer-body).',
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
      .action(lazy((app) => app.config, context));
}
