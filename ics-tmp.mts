import { readIcs } from './src/app/calendar/read-ics.ts';
const crlf = (s: string) => s.trim().split('\n').map((l) => l.replace(/^\s{4}/, '')).join('\r\n');
const head = `BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\n`;
const ev = (body: string) => crlf(`${head}BEGIN:VEVENT\n${body}\nEND:VEVENT\nEND:VCALENDAR`);
const now = new Date('2026-11-24T00:00:00Z');
const cases: Record<string, string> = {
  customTz: crlf(`${head}BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:c1
SUMMARY:Custom
DTSTART;TZID="Customized Time Zone":20261201T100000
DTEND;TZID="Customized Time Zone":20261201T110000
ATTENDEE:mailto:a@x.com
END:VEVENT
END:VCALENDAR`),
  quotedWin: ev(`UID:w1\nSUMMARY:Win\nDTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20261201T100000\nDTEND;TZID="(UTC-05:00) Eastern Time (US & Canada)":20261201T110000`),
  weurope: ev(`UID:w2\nSUMMARY:WE\nDTSTART;TZID=W. Europe Standard Time:20261201T100000\nDTEND;TZID=W. Europe Standard Time:20261201T110000`),
  floating: ev(`UID:f1\nSUMMARY:Floating\nDTSTART:20261201T100000\nDTEND:20261201T110000`),
  exdates: ev(`UID:r1\nSUMMARY:Weekly\nDTSTART;TZID=America/New_York:20261124T090000\nDTEND;TZID=America/New_York:20261124T093000\nRRULE:FREQ=WEEKLY;UNTIL=20261222T140000Z\nEXDATE;TZID=America/New_York:20261201T090000,20261208T090000`),
  tabfold: ev(`UID:t1\nSUMMARY:Tab fo\n\tlded title\nDTSTART:20261201T150000Z\nDTEND:20261201T160000Z\nATTENDEE;CN=Someone;\n\tROLE=REQ-PARTICIPANT:mailto:b@x.\n com`),
  count: ev(`UID:k1\nSUMMARY:Count\nDTSTART:20261125T150000Z\nDURATION:PT45M\nRRULE:FREQ=DAILY;COUNT=3`),
};
process.env.TZ = process.argv[2] ?? process.env.TZ;
for (const [name, body] of Object.entries(cases)) {
  try { const r = await readIcs(body, now); console.log(name, JSON.stringify(r.occurrences.map(o => [o.title, o.startsAt, o.endsAt, o.occurrence, o.attendees])), r.unreadable); }
  catch (e) { console.log(name, 'ERR', (e as Error).message); }
}
