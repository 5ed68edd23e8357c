import { useId } from 'react';
import { COMMON_REGIONS, allTimeZones } from '../lib/regions.ts';

/** Time zone and holiday region: the two facts every early target is computed from. */
export function ZoneRegionFields({
  timeZone,
  region,
  onChange,
}: {
  timeZone: string;
  region: string;
  onChange: (next: { timeZone: string; region: string }) => void;
}) {
  const zonesId = useId();
  const regionsId = useId();
  return (
    <div className="field-row">
      <label className="field">
        <span>Time zone</span>
        <input
          className="input"
          list={zonesId}
          value={timeZone}
          onChange={(e) => onChange({ timeZone: e.target.value, region })}
          required
          autoComplete="off"
        />
        <datalist id={zonesId}>
          {allTimeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>Holiday region</span>
        <input
          className="input"
          list={regionsId}
          value={region}
          onChange={(e) => onChange({ timeZone, region: e.target.value })}
          required
          autoComplete="off"
          placeholder="US, DE-BY, GB-ENG"
        />
        <datalist id={regionsId}>
          {COMMON_REGIONS.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </datalist>
      </label>
    </div>
  );
}
