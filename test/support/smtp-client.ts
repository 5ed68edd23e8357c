import net from 'node:net';

/** A minimal SMTP client: one message, and every reply line it got. */
export async function sendSmtp(
  port: number,
  raw: string,
  options: { rcpt?: string } = {},
): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  const replies: string[] = [];
  let buffer = '';
  let waiting: ((line: string) => void) | null = null;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      replies.push(line);
      // Multi-line replies ("250-…") end with a line whose fourth character is a space.
      if (line[3] === ' ' && waiting) {
        const w = waiting;
        waiting = null;
        w(line);
      }
    }
  });
  const reply = () => new Promise<string>((resolve) => (waiting = resolve));
  const say = async (line: string) => {
    const r = reply();
    socket.write(`${line}\r\n`);
    return r;
  };
  await reply();
  await say('EHLO test.example');
  await say('MAIL FROM:<alice@northwind.example>');
  await say(`RCPT TO:<${options.rcpt ?? 'momentum@mail.test'}>`);
  const go = await say('DATA');
  if (go.startsWith('354')) {
    const dotted = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    await say(`${dotted}\r\n.`);
  }
  await say('QUIT').catch(() => undefined);
  socket.destroy();
  return replies;
}
