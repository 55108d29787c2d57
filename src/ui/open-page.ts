import { type SpawnOptions, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { PRIVATE_DIR, writeAtomic } from '../journal/atomic-file.js';
import { say } from './stream.js';
import { whoCanRead } from './who-can-read.js';

/*
 * Where an HTML page goes, shared by `report` and `progress`:
 * - `-o file`: that file (0600);
 * - on a terminal, or with --open: `<pagesDir>/<name>.html`, in attach's own
 *   0700 folder, replaced each time (one copy of the page, not a pile of
 *   them), and its path is said;
 * - piped, without either: the page itself on stdout, like every format.
 * --open then hands the file to the system's opener, detached: a local path,
 * never a URL, so nothing is fetched and no network is asked.
 */

export interface PageOptions {
  out?: string;
  open?: boolean;
}

export type Spawner = (command: string, args: string[], options: SpawnOptions) => ReturnType<typeof spawn>;

export interface OpenerSetup {
  platform?: NodeJS.Platform;
  spawner?: Spawner;
  /** How long to listen for an opener that fails straight away before leaving it to run. */
  settleMs?: number;
}

export type Opened = { state: 'opened' } | { state: 'missing' } | { state: 'failed'; detail: string };

export function openerFor(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
}

/** Opens `file` with the system's opener; resolves once it started (or could not), never waiting for the browser. */
export function openWithSystem(file: string, setup: OpenerSetup = {}): Promise<Opened> {
  const platform = setup.platform ?? process.platform;
  const command = openerFor(platform);
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let child: ReturnType<typeof spawn>;
    const finish = (result: Opened) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      child?.unref();
      resolve(result);
    };
    try {
      child = (setup.spawner ?? spawn)(command, [file], { detached: true, stdio: 'ignore' });
    } catch (error) {
      resolve({ state: 'failed', detail: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ENOENT' ? { state: 'missing' } : { state: 'failed', detail: error.code ?? error.message }),
    );
    child.once('spawn', () => {
      timer = setTimeout(() => finish({ state: 'opened' }), setup.settleMs ?? 1000);
      timer.unref();
    });
    // explorer.exe answers 1 even when it opened the file.
    child.once('exit', (code) =>
      finish(code === 0 || platform === 'win32' ? { state: 'opened' } : { state: 'failed', detail: `exit ${code ?? 'by a signal'}` }),
    );
  });
}

/** attach's own folder for pages: created 0700, and narrowed to 0700 if it was ever widened. */
async function pagesFolder(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
  await fs.chmod(dir, PRIVATE_DIR);
}

/** Writes or prints the page `html` named `name` ("report", "progress") as the options ask, and opens it when asked. */
export async function deliverPage(ctx: Context, html: string, name: string, options: PageOptions, setup?: OpenerSetup): Promise<void> {
  const title = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  if (options.out === undefined && !options.open && !ctx.stdout.isTTY) {
    ctx.stdout.write(html);
    return;
  }
  const own = options.out === undefined;
  const file = own ? path.join(ctx.pagesDir, `${name}.html`) : path.resolve(options.out as string);
  try {
    if (own) await pagesFolder(ctx.pagesDir);
    await writeAtomic(file, html);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(
      own
        ? `can't write the page in ${ctx.pagesDir} (${code}); choose a place with -o <file>.`
        : `-o, --out: can't write ${file} (${code}); choose another place.`,
    );
  }
  const readers = await whoCanRead(file);
  if (own) {
    say(ctx.stderr, `${title} page written to ${file} (${readers}).`);
    if (!options.open) say(ctx.stderr, 'Open it in any browser: it loads nothing from the internet.');
  } else say(ctx.stderr, `${title} written to ${file} (${readers}).`);
  if (!options.open) return;

  const opened = await openWithSystem(file, setup);
  const opener = openerFor(setup?.platform ?? process.platform);
  if (opened.state === 'opened') say(ctx.stderr, 'Opening it in your browser.');
  else if (opened.state === 'missing') say(ctx.stderr, `There is no ${opener} here to open it with; open the file in any browser.`);
  else say(ctx.stderr, `${opener} could not open it (${opened.detail}); open the file in any browser.`);
}
