import type { Context } from '../context.js';
import { Cancelled, isPromptCancel, UsageError } from '../errors.js';
import { countedKinds } from '../journal/companions.js';
import { newSealer } from '../journal/crypto.js';
import { type ResealResult, reseal } from '../journal/reseal.js';
import { plural } from '../render/amounts.js';
import { say } from '../ui/stream.js';

export const MIN_PASSPHRASE = 8;

const TOO_SHORT = `A passphrase needs at least ${MIN_PASSPHRASE} characters; a few words make a strong one.`;
const TRIES = 3;

/**
 * A new passphrase: $ATTACH_PASSPHRASE, or asked twice, hidden, and asked
 * again (up to three times) with the reason when it is too short or the two
 * differ. Never a flag (shell history keeps flags). Ctrl-C changes nothing.
 */
export async function newPassphrase(ctx: Context, env = 'ATTACH_PASSPHRASE', message = 'Choose a passphrase:'): Promise<string> {
  const fromEnv = ctx.env[env];
  if (fromEnv !== undefined) {
    if ([...fromEnv].length < MIN_PASSPHRASE) throw new UsageError(`${env}: ${TOO_SHORT} Nothing was changed.`);
    return fromEnv;
  }
  if (!ctx.interactive) {
    throw new UsageError(`attach asks for the new passphrase on a terminal, or reads ${env}; it never takes one as an option.`);
  }
  const ask = await ctx.asker();
  let reason = '';
  try {
    for (let attempt = 1; attempt <= TRIES; attempt++) {
      const phrase = await ask.secret({
        message: `${reason}${message}`,
        required: 'Type a passphrase, or press Ctrl-C to stop.',
      });
      if ([...phrase].length < MIN_PASSPHRASE) {
        reason = `${TOO_SHORT} `;
        continue;
      }
      if ((await ask.secret({ message: 'The same passphrase again:' })) === phrase) return phrase;
      reason = 'The two were different. ';
    }
  } catch (error) {
    if (isPromptCancel(error)) throw new Cancelled('\nStopped. Nothing was changed.');
    throw error;
  }
  throw new UsageError(`${reason}Nothing was changed; run it again when you are ready.`);
}

/** The files beside the journal a decrypt could not open, if any. */
export function sayLeft(ctx: Context, result: ResealResult): void {
  if (result.skipped.length) {
    say(ctx.stderr, `These files could not be opened with this passphrase and were left as they are: ${result.skipped.join(', ')}.`);
  }
}

/** ", and its 3 backups and 1 kept copy" */
/** ", and its 3 backups and 1 kept copy"; one file alone is "its backup". `prefix` is given whether one file or more. */
export function andBeside(result: ResealResult, prefix: (one: boolean) => string = () => ', and its'): string {
  const [only, ...more] = result.changed;
  if (!only) return '';
  return `${prefix(more.length === 0)} ${more.length === 0 ? only.kind.one : countedKinds(result.changed)}`;
}

export async function run(_options: Record<string, never>, ctx: Context): Promise<void> {
  const store = ctx.journal();
  await store.read();
  if (store.keyring.sealer) {
    // Already encrypted: make sure everything beside it is too (a stopped run may have left some).
    const { changed } = await reseal(store, 'keep');
    const [were, are] = changed.length === 1 ? ['was', 'is'] : ['were', 'are'];
    say(
      ctx.stderr,
      changed.length === 0
        ? 'Your journal is already encrypted, and so is everything attach keeps beside it.'
        : `Your journal is already encrypted. ${plural(changed.length, 'file')} beside it ${were} not, and ${are} now.`,
    );
    return;
  }
  const sealer = await newSealer(await newPassphrase(ctx));
  const result = await reseal(store, sealer);
  say(ctx.stderr, `Your journal is encrypted now${andBeside(result)}.`);
  say(ctx.stderr, 'Keep the passphrase somewhere safe: without it, nobody can open this journal, not even you.');
}
