import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (the build runs before anything is compiled)
import { tablesAsJson } from '../../scripts/cli-build.mjs';
import * as fromSources from '../../src/core/calendar/regions.ts';

/*
 * The compiled CLI gets date-holidays' rules and moment-timezone's zones as JSON strings rather
 * than the object literals esbuild would write (scripts/cli-build.mjs, tablesAsJson). The same
 * regions module bundled with that plugin must answer exactly as the sources do: every public
 * holiday and every holiday name, in regions on every continent, in years either side of now,
 * including Japan's equinox days (the rules that place a holiday by the sun, in the zone).
 */
type Regions = typeof fromSources;
const REGIONS = [
  'US',
  'US-CA',
  'GB-ENG',
  'DE-BY',
  'FR',
  'JP',
  'CN',
  'IN',
  'AU-NSW',
  'BR',
  'SA',
  'IL',
  'ZA',
  'CA-QC',
];
const YEARS = [1995, 2026, 2027, 2099];

let compiled: Regions;
let bundle: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-holiday-tables-'));
  const outfile = path.join(dir, 'regions.mjs');
  await esbuild.build({
    entryPoints: [path.resolve('src/core/calendar/regions.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    plugins: [tablesAsJson],
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
    logLevel: 'warning',
  });
  bundle = fs.readFileSync(outfile, 'utf8');
  compiled = (await import(pathToFileURL(outfile).href)) as Regions;
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('holiday tables in the compiled CLI', () => {
  it('are written as JSON strings, for date-holidays and for moment-timezone', () => {
    expect(bundle).toMatch(
      /\/\/ node_modules\/date-holidays\/src\/data\.js\nvar data = JSON\.parse\(/,
    );
    expect(bundle).toMatch(
      /\/\/ node_modules\/moment-timezone\/data\/packed\/latest\.json\n(?:[^\n]*\n){2}\s*module\.exports = JSON\.parse\(/,
    );
  });

  it.each(REGIONS)('give %s the same public holidays and names as the sources', (region) => {
    for (const year of YEARS) {
      expect([...compiled.publicHolidays(region, year)], `${region} ${year}`).toEqual([
        ...fromSources.publicHolidays(region, year),
      ]);
      expect([...compiled.holidayNames(region, year)], `${region} ${year}`).toEqual([
        ...fromSources.holidayNames(region, year),
      ]);
    }
    expect(compiled.regionSubdivisions(region.slice(0, 2))).toEqual(
      fromSources.regionSubdivisions(region.slice(0, 2)),
    );
  });

  it('include the equinox days, placed by the sun', () => {
    const names = [...compiled.publicHolidays('JP', 2027).values()];
    expect(names.some((n) => /equinox/i.test(n))).toBe(true);
  });
});
