/*
 * `momentum … | head` closes the pipe before the command has written everything. Like other
 * command-line tools, the CLI then stops quietly: no EPIPE stack trace on the terminal.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/momentum.mjs');

it('stops quietly when the reader of its output goes away', async () => {
  const child = spawn(process.execPath, [BIN, 'deal', '--help'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The reader is gone before the first byte is written.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).not.toMatch(/EPIPE|Unhandled/);
  expect(code).toBe(0);
}, 60_000);
