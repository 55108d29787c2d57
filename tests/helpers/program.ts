import type { Context } from '../../src/context.js';
import { buildProgram } from '../../src/program/index.js';

/** `{ minutes: '5', need: ['a', 'b'], json: true }` -> `--minutes 5 --need a --need b --json`: options as a person types them. */
export function argv(options: Readonly<Record<string, string | readonly string[] | boolean | undefined>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (value === true) out.push(flag);
    else if (value === false) out.push(`--no-${flag.slice(2)}`);
    else if (typeof value === 'string') out.push(flag, value);
    else if (value !== undefined) for (const item of value) out.push(flag, item);
  }
  return out;
}

/**
 * Runs one attach command line through the real program (commander and the
 * options' own parsers) with a test's context, as the CLI would.
 */
export async function cli(args: string[], ctx: Context): Promise<void> {
  await buildProgram(async () => ctx).parseAsync(args, { from: 'user' });
}
