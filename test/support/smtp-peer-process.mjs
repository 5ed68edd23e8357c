// An SMTP server in its own process, for tests whose main thread blocks (the CLI runners use
// spawnSync or Atomics.wait): it takes every message, writes each to DIR/<n>.eml, and prints
// its port on the first line of stdout.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const dir = process.argv[2];
let n = 0;
const server = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      n += 1;
      const file = path.join(dir, `${String(n).padStart(4, '0')}.eml`);
      fs.writeFileSync(`${file}.tmp`, Buffer.concat(chunks));
      fs.renameSync(`${file}.tmp`, file);
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
