// Vitest global setup for the browser tests: runs the browser chain once, before any test file, so a
// download or install happens once and every test file (and its worker) reuses the result.
import { resolveBrowser } from './system-probes.js';

export default async function setup(): Promise<void> {
  const found = await resolveBrowser();
  process.stderr.write(`browser: ${found.executablePath} (via ${found.source})\n`);
}
