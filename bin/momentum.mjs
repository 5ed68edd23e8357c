#!/usr/bin/env node
// The package's bin: runs the compiled CLI in dist/ (built by `npm install`; see decision 006).
// When src/ has changed since, it is rebuilt first, or the error says how; never old code.
// tsx is not loaded here: that is `npm run dev`.
import module from 'node:module';

// `momentum … | head`: once the reader is gone there is no one left to tell, so stop quietly,
// as other command-line tools do, instead of printing an EPIPE stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Node 22.1+ keeps compiled bytecode between runs; Node 20 has no such cache.
module.enableCompileCache?.();

const { compiledCli } = await import('../scripts/cli-build.mjs');
let entry;
try {
  entry = await compiledCli();
} catch (error) {
  process.stderr.write(`momentum: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const { main } = await import(entry);
const code = await main(process.argv);
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
