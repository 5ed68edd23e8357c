import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { localDayReader } from './local-days.ts';

/*
 * The local-day reader (Intl plus a quarter-hour cache) against Temporal, for every time zone
 * the runtime knows.
 *
 * Valid range: instants from 1980-01-01 to 2199-12-31 UTC, stored as
 * YYYY-MM-DDTHH:MM:SS.sssZ. The quarter-hour cache relies on every zone offset being a whole
 * number of quarter hours, which holds for every zone since 1980; before that some zones used
 * local mean time or offsets such as Monrovia's −0:44:30 (until 1972) or Kiritimati's −10:40
 * (until 1979), where an instant near midnight could be put on the wrong day. The app only
 * reads instants it stored itself, all well inside this range. The seed is fixed so a failure
 * is repeatable.
 */
const SEED = 20261204;
const FROM = Date.UTC(1980, 0, 1);
const TO = Date.UTC(2199, 11, 31, 23, 59, 59, 999);
const ZONES = Intl.supportedValuesOf('timeZone');

// One reader per zone for the whole run, so that answers also come from its cache.
const readers = new Map<string, (instant: string) => string>();
const readerFor = (zone: string) => {
  let reader = readers.get(zone);
  if (!reader) readers.set(zone, (reader = localDayReader(zone)));
  return reader;
};

const temporalDay = (instant: string, zone: string) =>
  Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString();

describe('the local-day reader agrees with Temporal (1980–2199, every zone; seeded)', () => {
  it('on any instant in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (zone, ms) => {
        const instant = new Date(ms).toISOString();
        expect(readerFor(zone)(instant)).toBe(temporalDay(instant, zone));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('around local midnight and offset changes, where a wrong bucket shows', () => {
    // The minutes either side of a local midnight, on days picked at random.
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 219 * 365 }),
        fc.integer({ min: -20, max: 20 }),
        (zone, day, minutes) => {
          const midnight = Temporal.PlainDate.from('1980-01-02')
            .add({ days: day })
            .toZonedDateTime({ timeZone: zone })
            .toInstant();
          const instant = midnight.add({ minutes }).toString({ smallestUnit: 'millisecond' });
          expect(readerFor(zone)(instant)).toBe(temporalDay(instant, zone));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
