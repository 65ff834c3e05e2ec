// The part of Java's DateTimeFormatter pattern language that S3 prefixes use (`!{timestamp:…}` is evaluated by
// a Java service). Letters: G u y Y Q M L w d D E a H k K h m s S n V z O X x Z, with Java's padding and text
// rules, text in single quotes literal ('' is a quote), and [ ] optional sections printed. Any other letter is an
// error, as in Java ("Unknown pattern letter"). Text forms are English (Locale.US); week fields use Locale.US.
import { dayOfYear, usWeek, zonedFields, type ZonedFields } from './zonedTime';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Token = { literal: string } | { letter: string; count: number };

export class DatePatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatePatternError';
  }
}

const SUPPORTED = new Set('GuyYQqMLwdDEeacHkKhmsSnVzOXxZ'.split(''));

const cache = new Map<string, Token[]>();

export function parseDatePattern(pattern: string): Token[] {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        tokens.push({ literal: "'" });
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (;;) {
        const close = pattern.indexOf("'", j);
        if (close < 0) throw new DatePatternError(`Pattern ends with an incomplete string literal: ${pattern}`);
        text += pattern.slice(j, close);
        if (pattern.charAt(close + 1) === "'") {
          text += "'";
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      tokens.push({ literal: text });
    } else if (/[A-Za-z]/.test(ch)) {
      let count = 1;
      while (pattern.charAt(i + count) === ch) count++;
      if (!SUPPORTED.has(ch)) throw new DatePatternError(`Unknown pattern letter: ${ch}`);
      tokens.push({ letter: ch, count });
      i += count;
    } else if (ch === '[' || ch === ']') {
      i++; // optional section: every field here is always available, so its content prints
    } else if (ch === '{' || ch === '}' || ch === '#') {
      throw new DatePatternError(`Pattern includes reserved character: '${ch}'`);
    } else {
      tokens.push({ literal: ch });
      i++;
    }
  }
  cache.set(pattern, tokens);
  return tokens;
}

const pad = (n: number, width: number) => (n < 0 ? '-' + String(-n).padStart(width, '0') : String(n).padStart(width, '0'));

function number(value: number, count: number, max = 19): string {
  if (count > max) throw new DatePatternError(`Too many pattern letters`);
  return count === 1 ? String(value) : pad(value, count);
}

function text(full: string, count: number): string {
  if (count <= 3) return full.slice(0, 3);
  if (count === 4) return full;
  if (count === 5) return full.slice(0, 1);
  throw new DatePatternError('Too many pattern letters');
}

function offset(minutes: number, withColon: boolean, hoursOnly = false): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = pad(Math.floor(abs / 60), 2);
  const m = pad(abs % 60, 2);
  if (hoursOnly) return `${sign}${h}${abs % 60 ? m : ''}`;
  return withColon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

function field(f: ZonedFields, letter: string, count: number): string {
  switch (letter) {
    case 'G':
      return count === 4 ? 'Anno Domini' : count === 5 ? 'A' : 'AD';
    case 'u':
    case 'y':
    case 'Y': {
      const year = letter === 'Y' ? usWeek(f).weekYear : f.year;
      return count === 2 ? pad(year % 100, 2) : number(year, count);
    }
    case 'Q':
    case 'q': {
      const q = Math.floor((f.month - 1) / 3) + 1;
      return count <= 2 ? number(q, count, 2) : count === 3 ? `Q${q}` : count === 4 ? `${['1st', '2nd', '3rd', '4th'][q - 1]} quarter` : String(q);
    }
    case 'M':
    case 'L':
      return count <= 2 ? number(f.month, count, 2) : text(MONTHS[f.month - 1] ?? '', count);
    case 'w':
      return number(usWeek(f).week, count, 2);
    case 'd':
      return number(f.day, count, 2);
    case 'D':
      return number(dayOfYear(f), count, 3);
    case 'E':
      return text(DAYS[f.weekday - 1] ?? '', count);
    case 'e':
    case 'c': // localized day-of-week number, US: Sunday = 1
      return count <= 2 ? number((f.weekday % 7) + 1, count, 2) : text(DAYS[f.weekday - 1] ?? '', count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return number(f.hour, count, 2);
    case 'k':
      return number(f.hour === 0 ? 24 : f.hour, count, 2);
    case 'K':
      return number(f.hour % 12, count, 2);
    case 'h':
      return number(f.hour % 12 === 0 ? 12 : f.hour % 12, count, 2);
    case 'm':
      return number(f.minute, count, 2);
    case 's':
      return number(f.second, count, 2);
    case 'S':
      return pad(f.millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'n':
      return number(f.millisecond * 1_000_000, count);
    case 'V':
      if (count !== 2) throw new DatePatternError('Pattern letter count must be 2: V');
      return f.zone;
    case 'z':
      return f.zone === 'UTC' ? 'UTC' : shortZoneName(f.zone, count >= 4);
    case 'O':
      return f.offsetMinutes === 0 ? 'GMT' : `GMT${count === 4 ? offset(f.offsetMinutes, true) : offset(f.offsetMinutes, true).replace(/^([+-])0?(\d+):00$/, '$1$2')}`;
    case 'X':
    case 'x': {
      if (letter === 'X' && f.offsetMinutes === 0) return 'Z';
      return count === 1 ? offset(f.offsetMinutes, false, true) : offset(f.offsetMinutes, count === 3 || count === 5);
    }
    case 'Z':
      return count <= 3 ? offset(f.offsetMinutes, false) : count === 4 ? (f.offsetMinutes === 0 ? 'GMT' : `GMT${offset(f.offsetMinutes, true)}`) : f.offsetMinutes === 0 ? 'Z' : offset(f.offsetMinutes, true);
    default:
      throw new DatePatternError(`Unknown pattern letter: ${letter}`);
  }
}

function shortZoneName(zone: string, long: boolean): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: long ? 'long' : 'short' }).formatToParts(new Date());
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** Formats `epochMs` in `zone` (an IANA name, UTC by default) with a DateTimeFormatter pattern. */
export function formatJavaDate(pattern: string, epochMs: number, zone = 'UTC'): string {
  const tokens = parseDatePattern(pattern);
  const f = zonedFields(epochMs, zone);
  let out = '';
  for (const t of tokens) out += 'literal' in t ? t.literal : field(f, t.letter, t.count);
  return out;
}
