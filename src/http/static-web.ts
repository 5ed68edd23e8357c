import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './problems.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Momentum</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>Momentum</h1><p>The web app has not been built yet. Run <code>npm run build:web</code>, or
<code>npm start</code>, which builds it when it is missing.</p>
<p>The API is running: see <a href="/docs">/docs</a>.</p></body></html>`;

/** Serves the built web app at `/`, with every unknown non-API path answered by the app's
 * index.html so that client-side routes survive a reload. */
export async function registerStaticWeb(app: FastifyInstance, webDist = WEB_DIST): Promise<void> {
  const built = fs.existsSync(path.join(webDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside each file; the one the browser accepts is sent.
      preCompressed: true,
      // Files under assets/ carry a content hash in their name, so they never change: cache
      // them for a year. index.html is revalidated on every load, so a new build shows at once.
      setHeaders: (reply, filePath) => {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send(PLACEHOLDER),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    if (request.method === 'GET' && !url.startsWith('/api/') && !path.extname(url)) {
      return built ? reply.sendFile('index.html') : reply.type('text/html').send(PLACEHOLDER);
    }
    return sendProblem(
      reply,
      problem(404, 'not-found', `No route ${request.method} ${url}.`, { instance: url }),
    );
  });
}
