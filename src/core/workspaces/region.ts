import Holidays from 'date-holidays';
import { invalid } from '../shared/errors.ts';

const catalogue = new Holidays();
const countries = catalogue.getCountries() as Record<string, string>;

/** Region codes are a country (`US`, `JP`) or a country and subdivision (`DE-BY`, `GB-ENG`). */
export function isValidRegion(code: string): boolean {
  const [country, state, ...rest] = code.toUpperCase().split('-');
  if (!country || rest.length > 0 || !(country in countries)) return false;
  if (state === undefined) return true;
  const states = (catalogue.getStates(country) ?? {}) as Record<string, string>;
  return state in states;
}

export function requireRegion(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!isValidRegion(upper)) {
    throw invalid(
      `Unknown holiday region "${code}". Use a country code (US, DE, GB, FR, JP, IN) or a country and subdivision (US-CA, DE-BY, GB-ENG, AU-NSW).`,
    );
  }
  return upper;
}
