// Loaded with `node --import` by test/server/serve-startup-modules.test.ts: appends the URL of
// every module the process loads, ES module or CommonJS, one per line, to MODULE_RECORD_FILE.
import fs from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.MODULE_RECORD_FILE;
if (!file) throw new Error('module-recorder: MODULE_RECORD_FILE is not set');

// ES modules: a resolve hook (it runs on the loader's own thread, so it writes the file itself).
const hooks = `
import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  fs.appendFileSync(${JSON.stringify(file)}, resolved.url + '\\n');
  return resolved;
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

// CommonJS: what require() loads inside packages never reaches the ES module hooks.
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    const resolved = Module._resolveFilename(request, parent, isMain);
    if (resolved.startsWith('/')) fs.appendFileSync(file, `${pathToFileURL(resolved).href}\n`);
  } catch {
    // Left for the real load to report.
  }
  return load.apply(this, arguments);
};
