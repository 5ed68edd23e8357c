// `npm run dev` / `npm run dev:cli`: the CLI straight from the TypeScript sources through tsx,
// for development (no build; `npm run dev` restarts the server when a source changes).
import { main } from '../src/cli/main.ts';

const code = await main(process.argv);
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
