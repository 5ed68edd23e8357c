/*
 * Helps a person pick their time zone and holiday region. The zone comes from the browser; the
 * region is guessed from it and can be any code the server's holiday library knows ("US",
 * "DE-BY", "GB-ENG"); the server says clearly when a code is unknown.
 */
export const COMMON_REGIONS: { code: string; name: string }[] = [
  { code: 'US', name: 'United States' },
  { code: 'US-CA', name: 'United States — California' },
  { code: 'US-NY', name: 'United States — New York' },
  { code: 'CA', name: 'Canada' },
  { code: 'GB-ENG', name: 'United Kingdom — England' },
  { code: 'GB-SCT', name: 'United Kingdom — Scotland' },
  { code: 'IE', name: 'Ireland' },
  { code: 'DE', name: 'Germany' },
  { code: 'DE-BY', name: 'Germany — Bavaria' },
  { code: 'DE-BE', name: 'Germany — Berlin' },
  { code: 'FR', name: 'France' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'BE', name: 'Belgium' },
  { code: 'ES', name: 'Spain' },
  { code: 'IT', name: 'Italy' },
  { code: 'CH', name: 'Switzerland' },
  { code: 'AT', name: 'Austria' },
  { code: 'SE', name: 'Sweden' },
  { code: 'DK', name: 'Denmark' },
  { code: 'NO', name: 'Norway' },
  { code: 'FI', name: 'Finland' },
  { code: 'PL', name: 'Poland' },
  { code: 'PT', name: 'Portugal' },
  { code: 'IL', name: 'Israel' },
  { code: 'AE', name: 'United Arab Emirates' },
  { code: 'IN', name: 'India' },
  { code: 'SG', name: 'Singapore' },
  { code: 'JP', name: 'Japan' },
  { code: 'AU', name: 'Australia' },
  { code: 'AU-NSW', name: 'Australia — New South Wales' },
  { code: 'NZ', name: 'New Zealand' },
  { code: 'BR', name: 'Brazil' },
  { code: 'MX', name: 'Mexico' },
];

const ZONE_REGION: Record<string, string> = {
  'Europe/London': 'GB-ENG',
  'Europe/Dublin': 'IE',
  'Europe/Berlin': 'DE',
  'Europe/Paris': 'FR',
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Madrid': 'ES',
  'Europe/Rome': 'IT',
  'Europe/Zurich': 'CH',
  'Europe/Vienna': 'AT',
  'Europe/Stockholm': 'SE',
  'Europe/Copenhagen': 'DK',
  'Europe/Oslo': 'NO',
  'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL',
  'Europe/Lisbon': 'PT',
  'Asia/Jerusalem': 'IL',
  'Asia/Dubai': 'AE',
  'Asia/Kolkata': 'IN',
  'Asia/Singapore': 'SG',
  'Asia/Tokyo': 'JP',
  'Australia/Sydney': 'AU-NSW',
  'Pacific/Auckland': 'NZ',
  'America/Sao_Paulo': 'BR',
  'America/Mexico_City': 'MX',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
};

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function guessRegion(timeZone: string): string {
  if (ZONE_REGION[timeZone]) return ZONE_REGION[timeZone];
  if (timeZone.startsWith('America/')) return 'US';
  if (timeZone.startsWith('Australia/')) return 'AU';
  return 'US';
}

let zones: string[] | null = null;
export function allTimeZones(): string[] {
  if (!zones) {
    try {
      zones = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf(
        'timeZone',
      );
    } catch {
      zones = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles'];
    }
  }
  return zones;
}
