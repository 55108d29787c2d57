import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { newSealer } from '../journal/crypto.js';
import { reseal } from '../journal/reseal.js';
import { say } from '../ui/stream.js';
import { andBeside, newPassphrase } from './encrypt.js';

/**
 * `attach passphrase`: the current passphrase (asked, up to three tries, or
 * ATTACH_PASSPHRASE), then the new one twice (or ATTACH_NEW_PASSPHRASE).
 * The journal and every file beside it are sealed again with a key from the
 * new passphrase and a new salt, so the old passphrase opens none of them.
 */
const soDo = (one: boolean) => (one ? ', and so does its' : ', and so do its');

export async function run(_options: Record<string, never>, ctx: Context): Promise<void> {
  const store = ctx.journal();
  await store.read();
  if (!store.keyring.sealer) {
    throw new UsageError('Your journal is not encrypted, so it has no passphrase to change; attach encrypt gives it one.');
  }
  const phrase = await newPassphrase(ctx, 'ATTACH_NEW_PASSPHRASE', 'Choose a new passphrase:');
  const result = await reseal(store, await newSealer(phrase, store.keyring.current));
  say(ctx.stderr, `Your journal has a new passphrase now${andBeside(result, soDo)}. The old one opens none of them any more.`);
  say(ctx.stderr, 'Keep the new passphrase somewhere safe: without it, nobody can open this journal, not even you.');
}
