import Holidays from 'date-holidays';
import { Temporal } from 'temporal-polyfill';
import { invalid } from '../kernel/errors.ts';
import type { IsoDate } from '../time/dates.ts';

/**
 * Public holidays by region code ("US", "US-CA", "DE-BY", "GB-ENG", "AU-NSW", "DE-BY-A").
 *
 * date-holidays is slow to initialise a country (milliseconds) and costs about half a millisecond
 * per year lookup, while a calendar asks "is this a holiday?" thousands of times when it walks
 * business days. So each region's holidays are computed once per year and kept in module-level
 * maps. The maps only ever grow by deterministic facts, which keeps the core pure.
 */

export interface RegionParts {
  country: string;
  state?: string;
  region?: string;
}

/** Common names people type for a country that ISO spells differently. */
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };

const REGION_RE = /^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,5}))?(?:-([A-Za-z0-9]{1,8}))?$/;

let catalogue: Holidays | undefined;
function queries(): Holidays {
  catalogue ??= new Holidays();
  return catalogue;
}

const countryCache = new Map<string, Record<string, string>>();
function countries(): Record<string, string> {
  let list = countryCache.get('');
  if (!list) {
    list = queries().getCountries('en') ?? {};
    countryCache.set('', list);
  }
  return list;
}

function states(country: string): Record<string, string> {
  let list = countryCache.get(country);
  if (!list) {
    list = queries().getStates(country, 'en') ?? {};
    countryCache.set(country, list);
  }
  return list;
}

function subRegions(country: string, state: string): Record<string, string> {
  const key = `${country}-${state}`;
  let list = countryCache.get(key);
  if (!list) {
    list = queries().getRegions(country, state, 'en') ?? {};
    countryCache.set(key, list);
  }
  return list;
}

/** Splits and upper-cases a region code, or returns null when it names no known region. */
export function parseRegion(code: string): RegionParts | null {
  const m = REGION_RE.exec(code.trim());
  if (!m) return null;
  const rawCountry = m[1]!.toUpperCase();
  const country = COUNTRY_ALIASES[rawCountry] ?? rawCountry;
  if (!Object.hasOwn(countries(), country)) return null;
  if (m[2] === undefined) return { country };
  const state = m[2].toUpperCase();
  if (!Object.hasOwn(states(country), state)) return null;
  if (m[3] === undefined) return { country, state };
  const region = m[3].toUpperCase();
  if (!Object.hasOwn(subRegions(country, state), region)) return null;
  return { country, state, region };
}

export function isValidRegion(code: string): boolean {
  return parseRegion(code) !== null;
}

/** The canonical spelling of a region code ("gb-eng" → "GB-ENG", "UK" → "GB"). */
export function normalizeRegion(code: string): string {
  const parts = parseRegion(code);
  if (!parts) throw invalidRegion(code);
  return [parts.country, parts.state, parts.region].filter(Boolean).join('-');
}

/** Examples of the accepted forms, for error messages and help text. */
export function validRegionExamples(): string {
  return (
    'a country code (US, GB, DE, FR, IN, JP, AU) or a country-subdivision code ' +
    '(US-CA, US-NY, GB-ENG, GB-SCT, DE-BY, AU-NSW, CA-ON)'
  );
}

export function invalidRegion(code: string) {
  return invalid(`Unknown region "${code}". Use ${validRegionExamples()}.`, { region: code });
}

/** Subdivision codes of a country, for pickers and help ("GB" → ["ALD","ENG","NIR","SCT","WLS"]). */
export function regionSubdivisions(country: string): string[] {
  const parts = parseRegion(country);
  if (!parts) throw invalidRegion(country);
  return Object.keys(states(parts.country));
}

const engines = new Map<string, Holidays>();
const yearCache = new Map<string, ReadonlyMap<IsoDate, string>>();

function engineFor(key: string): Holidays {
  let engine = engines.get(key);
  if (!engine) {
    const parts = parseRegion(key);
    if (!parts) throw invalidRegion(key);
    const opts = { types: ['public' as const], languages: ['en'] };
    engine =
      parts.region !== undefined && parts.state !== undefined
        ? new Holidays(parts.country, parts.state, parts.region, opts)
        : parts.state !== undefined
          ? new Holidays(parts.country, parts.state, opts)
          : new Holidays(parts.country, opts);
    engines.set(key, engine);
  }
  return engine;
}

const DAY_MS = 86_400_000;

/**
 * The public holidays of a region in a year, keyed by local date, with their English names.
 * A holiday that spans several days (Eid, Golden Week) marks each of them.
 */
export function publicHolidays(regionCode: string, year: number): ReadonlyMap<IsoDate, string> {
  const cached = yearCache.get(`${regionCode}|${year}`);
  if (cached) return cached;
  const key = normalizeRegion(regionCode);
  const cacheKey = `${key}|${year}`;
  const again = yearCache.get(cacheKey);
  if (again) {
    yearCache.set(`${regionCode}|${year}`, again);
    return again;
  }
  const days = new Map<IsoDate, string>();
  for (const h of engineFor(key).getHolidays(year, 'en')) {
    if (h.type !== 'public') continue;
    // date-holidays reports the local date as the first ten characters of `date`; start and end
    // are instants in the country's zone, so their difference is the span in whole days.
    const first = h.date.slice(0, 10);
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < span; i++) {
      const day = i === 0 ? first : Temporal.PlainDate.from(first).add({ days: i }).toString();
      if (!days.has(day)) days.set(day, h.name);
    }
  }
  yearCache.set(cacheKey, days);
  yearCache.set(`${regionCode}|${year}`, days);
  return days;
}

const namedEngines = new Map<string, Holidays>();
const namesCache = new Map<string, ReadonlyMap<string, IsoDate>>();

/**
 * Every holiday the region knows (public, bank, observance…) by lower-case English name, for
 * reading "before Memorial Day" or "by Bastille Day" in notes. Substitute days are left out: people
 * name the holiday, not the day it is observed.
 */
export function holidayNames(regionCode: string, year: number): ReadonlyMap<string, IsoDate> {
  const cached = namesCache.get(`${regionCode}|${year}`);
  if (cached) return cached;
  const key = normalizeRegion(regionCode);
  const cacheKey = `${key}|${year}`;
  let engine = namedEngines.get(key);
  if (!engine) {
    const parts = parseRegion(key)!;
    const opts = { languages: ['en'] };
    engine =
      parts.region !== undefined && parts.state !== undefined
        ? new Holidays(parts.country, parts.state, parts.region, opts)
        : parts.state !== undefined
          ? new Holidays(parts.country, parts.state, opts)
          : new Holidays(parts.country, opts);
    namedEngines.set(key, engine);
  }
  const names = new Map<string, IsoDate>();
  for (const h of engine.getHolidays(year, 'en')) {
    if (h.substitute) continue;
    const name = h.name.toLowerCase().replace(/[’]/g, "'");
    if (!names.has(name)) names.set(name, h.date.slice(0, 10));
  }
  namesCache.set(cacheKey, names);
  namesCache.set(`${regionCode}|${year}`, names);
  return names;
}
