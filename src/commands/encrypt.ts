import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { newSealer } from '../journal/crypto.js';
import { type ResealResult, reseal } from '../journal/store.js';
import { line } from '../ui/stream.js';

export const MIN_PASSPHRASE = 8;

/** The new passphrase: $ATTACH_PASSPHRASE, or asked twice, hidden. Never a flag (shell history keeps flags). */
async function newPassphrase(ctx: Context): Promise<string> {
  const fromEnv = ctx.env.ATTACH_PASSPHRASE;
  let phrase: string;
  if (fromEnv !== undefined) phrase = fromEnv;
  else if (ctx.interactive) {
    const ask = await ctx.asker();
    phrase = await ask.secret({ message: 'Choose a passphrase:', required: 'Type a passphrase, or press Ctrl-C to stop.' });
    const again = await ask.secret({ message: 'The same passphrase again:' });
    if (again !== phrase) throw new UsageError('The two passphrases were different; nothing was changed. Please try again.');
  } else {
    throw new UsageError(
      'attach encrypt asks for the passphrase on a terminal, or reads ATTACH_PASSPHRASE; it never takes one as an option.',
    );
  }
  if ([...phrase].length < MIN_PASSPHRASE)
    throw new UsageError(`A passphrase needs at least ${MIN_PASSPHRASE} characters; a few words make a strong one. Nothing was changed.`);
  return phrase;
}

export function sayBackups(ctx: Context, result: ResealResult): void {
  if (result.skipped.length) {
    line(ctx.stderr, `These backups could not be opened with this passphrase and were left as they are: ${result.skipped.join(', ')}.`);
  }
}

export async function run(_options: Record<string, never>, ctx: Context): Promise<void> {
  const store = ctx.journal();
  await store.read();
  if (store.keyring.sealer) {
    // Already encrypted: make sure every backup is too (a stopped run may have left some).
    sayBackups(ctx, await reseal(store, store.keyring.sealer));
    line(ctx.stderr, 'Your journal is already encrypted, and so are its backups.');
    return;
  }
  const sealer = await newSealer(await newPassphrase(ctx));
  const result = await reseal(store, sealer);
  line(
    ctx.stderr,
    `Your journal is encrypted now${result.backups ? `, and its ${result.backups} backup${result.backups === 1 ? '' : 's'}` : ''}.`,
  );
  sayBackups(ctx, result);
  line(ctx.stderr, 'Keep the passphrase somewhere safe: without it, nobody can open this journal, not even you.');
}
