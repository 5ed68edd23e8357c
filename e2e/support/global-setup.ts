import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The browser suite runs against the built app: build it when missing or older than its
 * sources (the same check `npm start` makes). */
export default function setup() {
  execFileSync(process.execPath, [path.resolve('scripts', 'ensure-web-build.mjs')], {
    stdio: 'inherit',
  });
}
