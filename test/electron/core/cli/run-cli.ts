// The tiny runner the CLI process test spawns with `node --import tsx`: main() from source, like bin/ does
// with the compiled version.
import { main } from '../../../../electron/core/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
