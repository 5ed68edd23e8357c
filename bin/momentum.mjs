#!/usr/bin/env node
// The package's bin: runs the TypeScript sources through tsx's loader, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv);
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
