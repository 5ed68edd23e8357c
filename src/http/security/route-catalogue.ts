import type { FastifyInstance } from 'fastify';

/** Every route the server registered, as "METHOD /path" (HEAD twins left out). The isolation
 * matrix reads it, so that a route nobody wrote an entry for fails the suite. */
export interface CatalogueEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: CatalogueEntry[];
  }
}

/** Must be registered before any route. */
export function registerRouteCatalogue(app: FastifyInstance) {
  const entries: CatalogueEntry[] = [];
  app.decorate('routeCatalogue', entries);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') entries.push({ method, url: route.url });
    }
  });
}
