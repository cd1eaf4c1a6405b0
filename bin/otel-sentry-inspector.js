#!/usr/bin/env node
// Entry point of the `otel-sentry-inspector` command: runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/electron/core/cli/main.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('otel-sentry-inspector is not built yet: run `npm run build` in its folder first.');
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
