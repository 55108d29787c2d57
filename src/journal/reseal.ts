import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { JournalError } from '../errors.js';
import { resolveTarget, writeAtomic } from './atomic-file.js';
import { type Companion, listCompanions } from './companions.js';
import { isEnvelopeText, type Sealer, seal } from './crypto.js';
import type { JournalStore } from './store.js';

/*
 * Encrypt, decrypt and a new passphrase: the journal and every file attach
 * wrote beside it (companions.ts) sealed with the new key, or opened. Each
 * file is replaced atomically, so there is never a moment when one is
 * half-written, and no plaintext copy is made.
 */

export interface ResealResult {
  /** The files beside the journal written to match it. */
  changed: Companion[];
  /** Files left as they were: sealed with another passphrase, or damaged (only when decrypting). */
  skipped: string[];
}

/** How the journal is sealed next: a new sealer, null (plain), or 'keep' (as it is, with today's parameters). */
export type Next = Sealer | null | 'keep';

/**
 * Seals the journal with `next`, then every file beside it, under the
 * journal's lock. A file that opens with the passphrase (or is plain) is
 * sealed anew, what is inside kept byte for byte; one that does not open
 * (another passphrase, a damaged envelope) is sealed whole, inside a new
 * envelope, so no key but the new one opens anything beside the journal. A
 * decrypt leaves such a file as it is and names it. Before anything is
 * written, every file is checked: one that can't be replaced stops it all.
 */
export async function reseal(store: JournalStore, next: Next): Promise<ResealResult> {
  const result: ResealResult = { changed: [], skipped: [] };
  const target = await resolveTarget(store.file);
  await refuseUnsealable(await listCompanions(target), next === null);
  const keyring = store.keyring;
  // The journal first, then the files beside it: were this stopped halfway, running it again finishes them.
  await store.update(() => {}, {
    ...(next === 'keep' ? {} : { sealer: next }),
    afterWrite: async () => {
      const sealer = next === 'keep' ? keyring.sealer : next;
      for (const companion of await listCompanions(target)) {
        const raw = await fs.readFile(companion.file);
        const text = raw.toString('utf8');
        const sealed = isEnvelopeText(text.trimStart());
        const inside = sealed ? await keyring.openQuietly(text, companion.file) : raw;
        if (sealer) {
          // Already sealed with this very key: nothing to do.
          if (inside && sealed && saltOf(text) === sealer.salt.toString('base64')) continue;
          await writeAtomic(companion.file, seal(inside ?? raw, sealer));
        } else if (!sealed) {
          continue;
        } else if (inside === null) {
          result.skipped.push(path.relative(path.dirname(target), companion.file));
          continue;
        } else {
          await writeAtomic(companion.file, inside);
        }
        result.changed.push(companion);
      }
    },
  });
  return result;
}

function saltOf(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { salt?: string }).salt;
  } catch {
    return undefined;
  }
}

/** Refuses, before anything is written, when a file beside the journal could not be replaced. */
async function refuseUnsealable(companions: readonly Companion[], opening: boolean): Promise<void> {
  const problems: string[] = [];
  for (const { file } of companions) {
    const why = await cannotReplace(file);
    if (why) problems.push(`${file} (${why})`);
  }
  if (problems.length === 0) return;
  const verb = opening ? 'opened' : 'sealed';
  throw new JournalError(`${problems.length === 1 ? 'A file' : 'Files'} beside your journal can't be ${verb}, so nothing was changed:`, [
    ...problems.map((problem) => `  ${problem}`),
    'Make each one yours and writable (chmod 600 <file>), or move it elsewhere, then run the same command again.',
  ]);
}

async function cannotReplace(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return 'not a regular file';
    // The bit, not access(): root may write anything, but a read-only file is refused by every write attach makes.
    if (!(stat.mode & 0o200)) return 'read-only';
    await fs.access(file, constants.R_OK);
    await fs.access(path.dirname(file), constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'not allowed' : (code ?? 'unreadable');
  }
}
