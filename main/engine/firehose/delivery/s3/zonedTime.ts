// The calendar fields of an instant in UTC or an IANA time zone, through Intl (Node ships full ICU), plus the
// week numbers a formatter or an index name needs.
export interface ZonedFields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  /** Offset from UTC in minutes, east positive. */
  offsetMinutes: number;
  zone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True if Intl knows the zone name. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function zonedFields(epochMs: number, zone = 'UTC'): ZonedFields {
  const millisecond = ((epochMs % 1000) + 1000) % 1000;
  let year: number, month: number, day: number, hour: number, minute: number, second: number;
  if (zone === 'UTC') {
    const d = new Date(epochMs);
    [year, month, day, hour, minute, second] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  } else {
    const parts: Record<string, number> = {};
    for (const p of formatterFor(zone).formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    [year, month, day, hour, minute, second] = [parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0];
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const offsetMinutes = Math.round((asUtc - epochMs) / 60_000);
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, hour, minute, second, millisecond, weekday, offsetMinutes, zone };
}

export function dayOfYear(f: Pick<ZonedFields, 'year' | 'month' | 'day'>): number {
  return Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
}

/** ISO-8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(f: Pick<ZonedFields, 'year' | 'month' | 'day'>): { weekYear: number; week: number } {
  const date = new Date(Date.UTC(f.year, f.month - 1, f.day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week
  const weekYear = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return { weekYear, week: 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000)) };
}

/** Java's WeekFields.of(Locale.US): weeks start on Sunday; week 1 is the week holding January 1st. */
export function usWeek(f: Pick<ZonedFields, 'year' | 'month' | 'day'>): { weekYear: number; week: number } {
  const date = Date.UTC(f.year, f.month - 1, f.day);
  const sundayOnOrBefore = (ms: number) => ms - new Date(ms).getUTCDay() * 86_400_000;
  const startOfWeek = sundayOnOrBefore(date);
  const nextJan1 = Date.UTC(f.year + 1, 0, 1);
  // The week that holds next January 1st is week 1 of next year.
  if (sundayOnOrBefore(nextJan1) === startOfWeek) return { weekYear: f.year + 1, week: 1 };
  const firstWeekStart = sundayOnOrBefore(Date.UTC(f.year, 0, 1));
  return { weekYear: f.year, week: 1 + Math.round((startOfWeek - firstWeekStart) / (7 * 86_400_000)) };
}
