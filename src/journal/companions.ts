import fs from 'node:fs/promises';
import { listBackups } from './backups.js';
import { listBrokenCopies } from './broken-copies.js';
import { listMergedCopies } from './conflict-copies.js';
import { isEnvelopeText } from './crypto.js';
import { listPending } from './pending.js';

/*
 * Every kind of file attach writes beside a journal, in one list: encrypt,
 * decrypt and a new passphrase seal (or open) each of them with the
 * journal, and doctor names any left in plain text beside an encrypted
 * journal. A new kind of file is added here, and nowhere else.
 */

export interface CompanionKind {
  /** What one is called in a message: "backup", "kept copy". */
  one: string;
  many: string;
  /** This journal's files of the kind (never another journal's), as paths. */
  list: (target: string) => Promise<string[]>;
}

export const COMPANIONS: readonly CompanionKind[] = [
  { one: 'backup', many: 'backups', list: async (target) => (await listBackups(target)).map((backup) => backup.file) },
  { one: 'kept copy', many: 'kept copies', list: listBrokenCopies },
  { one: 'waiting entry', many: 'waiting entries', list: listPending },
  // Copies a sync tool made, moved into merged/ by `attach merge`: kept, so sealed with the journal.
  { one: 'merged copy', many: 'merged copies', list: listMergedCopies },
];

export interface Companion {
  file: string;
  kind: CompanionKind;
}

/** Every file attach wrote beside the journal at `target`, kind by kind. */
export async function listCompanions(target: string): Promise<Companion[]> {
  const found: Companion[] = [];
  for (const kind of COMPANIONS) for (const file of await kind.list(target)) found.push({ file, kind });
  return found;
}

/**
 * Whether a file is sealed, from its first and last bytes (an envelope's
 * format name sits near one end), without reading a large file whole.
 */
export async function looksSealed(file: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 1024));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, 1024));
    await handle.read(tail, 0, tail.length, Math.max(size - tail.length, 0));
    return isEnvelopeText(head.toString('utf8').trimStart()) || isEnvelopeText(tail.toString('utf8'));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** The files beside the journal that are not sealed (for an encrypted journal, each is worth a word). */
export async function plainCompanions(target: string): Promise<Companion[]> {
  const plain: Companion[] = [];
  for (const companion of await listCompanions(target)) if (!(await looksSealed(companion.file))) plain.push(companion);
  return plain;
}

/** "3 backups and 1 kept copy". */
export function countedKinds(companions: readonly Companion[]): string {
  const parts = COMPANIONS.map((kind) => {
    const n = companions.filter((companion) => companion.kind === kind).length;
    return n === 0 ? '' : `${n} ${n === 1 ? kind.one : kind.many}`;
  }).filter(Boolean);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
