import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { writeAtomic } from '../journal/atomic-file.js';
import { Keyring, seal } from '../journal/crypto.js';
import { serializeJournal } from '../journal/format.js';
import { mergeJournals } from '../journal/merge-journals.js';
import { openCopy } from '../journal/open-copy.js';
import { clean } from '../render/clean.js';

/*
 * `attach merge-driver %O %A %B`, a git merge driver (README, "Several
 * devices"): git gives the common ancestor, our version and theirs, and
 * takes the result from %A. Both sides are merged (src/journal/merge-journals.ts),
 * so a merge of two branches that both added, edited and deleted entries
 * never has conflict markers. The ancestor is not needed: deletes are in the
 * tombstones. Non-zero (git then reports a conflict and keeps %A as it was)
 * only when a side can't be read.
 */

export async function run(_ancestor: string, ours: string, theirs: string, _options: unknown, ctx: Context): Promise<void> {
  // One passphrase for both sides (each may carry its own salt, so each opens with a keyring of its own).
  const shared = new Keyring(ctx.passphrase);
  const ask = ctx.passphrase ? (file: string) => shared.passphrase(file) : undefined;
  const [a, b] = [await openCopy(ours, ask), await openCopy(theirs, ask)];
  for (const [side, copy] of [
    ['ours', a],
    ['theirs', b],
  ] as const) {
    if (!copy.ok) {
      const what = `attach merge-driver: ${side} (${clean(copy.file)}) can't be merged: ${clean(copy.reason)}.`;
      throw new UsageError(`${what} Nothing was written; git will show a conflict.`);
    }
  }
  if (!a.ok || !b.ok) return;
  // Our side decides the seal; a plain side never receives the other's words unencrypted.
  if (!a.sealer && b.sealer) {
    throw new UsageError(
      'attach merge-driver: their journal is encrypted and ours is not, so they were not merged; git will show a conflict. ' +
        'Encrypt this side with the same passphrase (attach encrypt), then merge again.',
    );
  }
  const text = serializeJournal(mergeJournals(a.journal, b.journal, ctx.now()));
  await writeAtomic(ours, a.sealer ? seal(text, a.sealer) : text);
}
