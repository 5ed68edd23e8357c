// The in-process CLI for test/support/cli.ts: a worker thread that loads the CLI's sources once
// (through tsx) and runs main() for each request with the request's working folder,
// environment, stdin, stdout and stderr, on the clock it shares with the test thread. The test
// thread waits on `signal`, so runCli stays synchronous. Plain JavaScript: it starts before any
// TypeScript loader exists.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../../src/cli/main.ts');
const { Temporal } = await import('temporal-polyfill');

/** @type {{ port: import('node:worker_threads').MessagePort, signal: Int32Array, clock: BigInt64Array }} */
const { port, signal, clock: sharedClock } = workerData;

/** The suite's clock (see CLI_START in cli.ts): one millisecond further at each reading, in
 * either thread. */
const clock = {
  now: () => Temporal.Instant.fromEpochMilliseconds(Number(Atomics.add(sharedClock, 0, 1n) + 1n)),
};

// A worker thread cannot chdir, and the driver and fs resolve relative paths against the
// process's folder; these fs functions resolve them against the command's folder instead, and
// file descriptor 0 (stdin) reads the command's input.
const PATH_FUNCTIONS = [
  'readFileSync',
  'writeFileSync',
  'appendFileSync',
  'existsSync',
  'statSync',
  'lstatSync',
  'mkdirSync',
  'readdirSync',
  'rmSync',
  'unlinkSync',
  'openSync',
  'accessSync',
  'createReadStream',
  'createWriteStream',
];
const PROMISE_FUNCTIONS = ['readFile', 'writeFile', 'stat', 'mkdir', 'readdir', 'rm', 'access'];

function simulateFolder(cwd, input) {
  const saved = [];
  const rebase = (target, name) => {
    const real = target[name];
    saved.push(() => {
      target[name] = real;
    });
    target[name] = function (file, ...rest) {
      if (file === 0 && name === 'readFileSync') {
        const encoding = typeof rest[0] === 'string' ? rest[0] : rest[0]?.encoding;
        return encoding ? input : Buffer.from(input);
      }
      const rebased =
        typeof file === 'string' && !path.isAbsolute(file) ? path.resolve(cwd, file) : file;
      return real.call(this, rebased, ...rest);
    };
  };
  for (const name of PATH_FUNCTIONS) rebase(fs, name);
  for (const name of PROMISE_FUNCTIONS) rebase(fs.promises, name);
  syncBuiltinESMExports();
  return () => {
    for (const restore of saved) restore();
    syncBuiltinESMExports();
  };
}

const realCwd = process.cwd;
const realEnv = process.env;
const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin');

async function run({ args, cwd, env, input }) {
  const out = [];
  const err = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const capture = (sink) =>
    function write(chunk, encoding, callback) {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = typeof encoding === 'function' ? encoding : callback;
      if (cb) cb();
      return true;
    };
  process.cwd = () => cwd;
  process.env = env;
  const restoreFs = simulateFolder(cwd, input);
  const stdin = Readable.from(input ? [Buffer.from(input)] : []);
  Object.defineProperty(process, 'stdin', { value: stdin, configurable: true, writable: true });
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code;
  try {
    code = await main(['node', 'momentum', ...args], { clock });
  } catch (error) {
    err.push(`runCli: main() threw: ${error instanceof Error ? error.stack : String(error)}\n`);
    code = -1;
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    restoreFs();
    process.cwd = realCwd;
    process.env = realEnv;
    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor);
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

port.on('message', (request) => {
  void run(request).then((result) => {
    port.postMessage(result);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});
