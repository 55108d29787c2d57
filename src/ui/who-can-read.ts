import fs from 'node:fs/promises';
import { command } from '../render/wrap.js';

/**
 * What to say after writing `file` for the person (-o, a page): a new file is
 * theirs alone (0600), but a file that was there before keeps its mode, since
 * a write never widens nor narrows what the person set (DESIGN.md). Saying
 * "readable only by you" of a file others can read would be untrue.
 */
export async function whoCanRead(file: string): Promise<string> {
  const mode = await fs.stat(file).then(
    (stat) => stat.mode,
    () => 0,
  );
  if ((mode & 0o044) === 0) return 'readable only by you';
  const quoted = /^[\w./-]+$/.test(file) ? file : `'${file.replaceAll("'", `'\\''`)}'`;
  const fix = command(`chmod 600 ${quoted}`);
  return `it keeps the permissions it had, so others on this computer can read it too; ${fix} makes it yours alone`;
}
