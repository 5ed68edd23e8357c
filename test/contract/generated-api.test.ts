import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED_API_FILE, generateApiTypes } from '../../scripts/gen-api-lib.ts';

// The web app's API types are generated from the server's OpenAPI document and checked in
// (decision 022). A change to a view, a route's schema or a path that was not regenerated fails
// here, in CI, instead of leaving the web app reading a shape the server no longer sends.
describe('the generated web API types', () => {
  it('match what `npm run gen:api` writes from the server as it is', async () => {
    const checkedIn = await readFile(GENERATED_API_FILE, 'utf8');
    const regenerated = await generateApiTypes();
    if (regenerated !== checkedIn) {
      const a = checkedIn.split('\n');
      const b = regenerated.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      expect.fail(
        `web/src/api/generated/openapi.ts is out of date (first difference at line ${line + 1}: ` +
          `${JSON.stringify(a[line])} vs ${JSON.stringify(b[line])}). Run \`npm run gen:api\`.`,
      );
    }
    expect(regenerated).toContain("'/api/v1/deals/{id}/momentum'");
  }, 120_000);
});
