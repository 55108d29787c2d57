import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  // Each command is a dynamic import, so splitting puts it in its own chunk
  // and `attach --help` never loads prompts, the store or date parsing.
  splitting: true,
  // Bundle every dependency: resolving hundreds of files from node_modules
  // at start-up costs more than the whole command.
  noExternal: [/.*/],
  external: ['node-pty'],
  // commander (and proper-lockfile) are CommonJS; inside an ESM bundle their
  // `require('events')` needs a real require.
  banner: {
    js: "import { createRequire as __attachCreateRequire } from 'node:module'; const require = __attachCreateRequire(import.meta.url);",
  },
  minify: false,
  sourcemap: false,
});
