import { reseal } from '../journal/store.js';
import { line, type Context } from '../ui/terminal.js';
import { sayBackups } from './encrypt.js';

export async function run(_options: Record<string, never>, ctx: Context): Promise<void> {
  const store = ctx.journal();
  await store.read();
  if (!store.keyring.sealer) {
    line(ctx.stderr, 'Your journal is not encrypted; nothing to do.');
    return;
  }
  const result = await reseal(store, null);
  line(ctx.stderr, `Your journal is no longer encrypted${result.backups ? `, and neither are its ${result.backups} backup${result.backups === 1 ? '' : 's'}` : ''}. Anyone who can read its files can read it now.`);
  sayBackups(ctx, result);
}
