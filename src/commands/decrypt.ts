import type { Context } from '../context.js';
import { readText, resolveTarget } from '../journal/atomic-file.js';
import { listBackups } from '../journal/backups.js';
import { looksEncrypted } from '../journal/open-text.js';
import { reseal } from '../journal/store.js';
import { say } from '../ui/stream.js';
import { sayBackups } from './encrypt.js';

export async function run(_options: Record<string, never>, ctx: Context): Promise<void> {
  const store = ctx.journal();
  await store.read();
  if (!store.keyring.sealer && !(await hasSealedBackups(store.file))) {
    say(ctx.stderr, 'Your journal is not encrypted; nothing to do.');
    return;
  }
  const result = await reseal(store, null);
  const backups = result.backups ? `, and neither are its ${result.backups} backup${result.backups === 1 ? '' : 's'}` : '';
  say(ctx.stderr, `Your journal is no longer encrypted${backups}. Anyone who can read its files can read it now.`);
  sayBackups(ctx, result);
}

/** A decrypt stopped after the journal but before its backups is finished by running it again. */
async function hasSealedBackups(file: string): Promise<boolean> {
  for (const backup of await listBackups(await resolveTarget(file))) {
    if (looksEncrypted((await readText(backup.file)) ?? '')) return true;
  }
  return false;
}
