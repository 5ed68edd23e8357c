export {
  createBusinessCalendar,
  toPlainDate,
  type BusinessCalendar,
  type BusinessCalendarOptions,
  type CalendarWeek,
  type DateLike,
} from './business-calendar.ts';
export {
  assertLead,
  classifyCompletion,
  DEFAULT_LEAD_DAYS,
  earlyTarget,
  MAX_LEAD_DAYS,
  type CompletionClass,
  type EarlyTargetInput,
} from './early-target.ts';
export {
  assertTimeZone,
  classifyCompletionAt,
  instantFromLocal,
  localDateOf,
  localDateTimeOf,
  parseLocalDateTime,
  resolveMoment,
  validLocalDateTimeExamples,
  validTimeZoneExamples,
  type LocalDateTime,
} from './local-time.ts';
export {
  holidayNames,
  invalidRegion,
  isValidRegion,
  normalizeRegion,
  parseRegion,
  publicHolidays,
  regionSubdivisions,
  validRegionExamples,
  type RegionParts,
} from './regions.ts';
export {
  DEFAULT_WEEKEND,
  formatWeekend,
  isValidWeekend,
  isoDayOf,
  parseWeekend,
  validWeekendExamples,
  weekdayOfIso,
} from '../time/weekdays.ts';
