import type { Context } from '../context.js';
import { resolveTarget } from '../journal/atomic-file.js';
import { listCompanions, looksSealed } from '../journal/companions.js';
import { reseal } from '../journal/reseal.js';
import { say } from '../ui/stream.js';
import { andBeside, sayLeft } from './encrypt.js';

const neither = (one: boolean) => (one ? ', and neither is its' : ', and neither are its');

export async function run(_options: Record<string, never>, ctx: Context): Promise<void> {
  const store = ctx.journal();
  await store.read();
  if (!store.keyring.sealer && !(await hasSealedCompanions(store.file))) {
    say(ctx.stderr, 'Your journal is not encrypted; nothing to do.');
    return;
  }
  const result = await reseal(store, null);
  say(ctx.stderr, `Your journal is no longer encrypted${andBeside(result, neither)}. Anyone who can read its files can read it now.`);
  sayLeft(ctx, result);
}

/** A decrypt stopped after the journal but before the files beside it is finished by running it again. */
async function hasSealedCompanions(file: string): Promise<boolean> {
  for (const { file: companion } of await listCompanions(await resolveTarget(file))) if (await looksSealed(companion)) return true;
  return false;
}
