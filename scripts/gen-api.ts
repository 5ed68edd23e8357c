// `npm run gen:api`: writes web/src/api/generated/openapi.ts from the server's OpenAPI
// document. `--check` writes nothing and exits 1 when the checked-in file is out of date.
import { readFile, writeFile } from 'node:fs/promises';
import { GENERATED_API_FILE, generateApiTypes } from './gen-api-lib.ts';

const generated = await generateApiTypes();
if (process.argv.includes('--check')) {
  const current = await readFile(GENERATED_API_FILE, 'utf8').catch(() => '');
  if (current !== generated) {
    console.error(`${GENERATED_API_FILE} is out of date: run \`npm run gen:api\`.`);
    process.exitCode = 1;
  }
} else {
  await writeFile(GENERATED_API_FILE, generated);
  console.log(`wrote ${GENERATED_API_FILE}`);
}
