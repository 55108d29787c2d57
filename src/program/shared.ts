import type { Command, Option, OptionValues } from 'commander';
import type { Context, GlobalOptions } from '../context.js';

export { examples } from './help.js';

/** Builds the context of one run; tests pass their own. */
export type MakeContext = (globals: GlobalOptions, command: string) => Promise<Context>;

/** Whether to declare a command: a run that names one declares only that one (buildProgram says why). */
export type Wanted = (name: string) => boolean;

type App = typeof import('../app.js');

/** What a command module exports: its arguments, then its options, then the context. */
type Run<P extends unknown[], O> = (...args: [...P, O, Context]) => Promise<void>;

export function addOptions(command: Command, options: readonly Option[]): Command {
  for (const option of options) command.addOption(option);
  return command;
}

/**
 * Wires a command to its module, imported only when it runs (so `--help`
 * loads nothing else): `pick` names it in src/app.ts, the one module the
 * program imports at run time. commander's arguments and options in, the
 * context added last. The options were read by the options' own parsers,
 * so they arrive with the types the module declares.
 */
export function lazy<P extends unknown[], O extends OptionValues>(pick: (app: App) => { run: Run<P, O> }, makeContext?: MakeContext) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const app = await import('../app.js');
    const ctx = await (makeContext ?? app.createContext)(command.optsWithGlobals<GlobalOptions>(), command.name());
    // commander passes the declared arguments first, in order: the module's own parameter list.
    await pick(app).run(...(args.slice(0, -2) as P), command.opts<O>(), ctx);
  };
}

/** The filters `list` and `export` share. */
export function withFilters(command: Command): Command {
  return command
    .option('--type <type>', 'only entries of one type: moment, pause, reflection, follow-up, plan or glimmer')
    .option('--from <date>', 'from this day: 2026-11-01, "last monday", "2 weeks ago"')
    .option('--to <date>', 'up to this day')
    .option('--who <who>', 'only moments with this person (partner, friend, ... or your own words)')
    .option('--tag <tag>', 'only entries with this tag')
    .option('--search <text>', 'only entries whose words contain this text (any field, any case)');
}
