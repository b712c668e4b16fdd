// Cron schedules as Kubernetes CronJobs read them (robfig/cron's standard parser), and their next run.

/** A parsed five-field cron schedule; see {@link parseCronSchedule}. */
export interface CronSchedule {
  /** The text it was parsed from. */
  readonly text: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  /** Day-of-month and day-of-week must both match when either field is a star (`*`, `?`), else either. */
  readonly dayMatchIsAnd: boolean;
}

interface FieldRange {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: readonly FieldRange[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: WEEKDAYS },
];
const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
/** How far ahead {@link nextCronTime} looks, as robfig/cron does. */
const SEARCH_YEARS = 5;

/**
 * Parses a cron schedule the way a Kubernetes CronJob does: five fields (minute, hour, day of month,
 * month, day of week) of `*`, `?`, numbers, `a-b` ranges, `/step` and comma lists; month and weekday names
 * (`JAN`, `MON`, case-insensitive); and the macros `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`,
 * `@midnight`, `@hourly`. Time-zone prefixes (`TZ=`, `CRON_TZ=`) and `@every` are refused: schedules run in
 * UTC here. Pure.
 *
 * @throws Error whose message says what is wrong (the caller names the field it came from).
 */
export function parseCronSchedule(text: string): CronSchedule {
  const trimmed = text.trim();
  if (/^(CRON_)?TZ=/i.test(trimmed)) {
    throw new Error('time-zone prefixes (TZ=, CRON_TZ=) are not supported: schedules run in UTC');
  }
  const expanded = trimmed.startsWith('@') ? MACROS[trimmed.toLowerCase()] : trimmed;
  if (expanded === undefined) {
    throw new Error(`unknown macro ${JSON.stringify(trimmed)}; use one of ${Object.keys(MACROS).join(', ')}`);
  }
  const fields = expanded.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) {
    throw new Error(
      `expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length} in ${JSON.stringify(text)}`,
    );
  }
  const parsed = fields.map((field, i) => parseField(field, FIELDS[i]!));
  const [minutes, hours, dom, months, dow] = parsed as [Parsed, Parsed, Parsed, Parsed, Parsed];
  return {
    text,
    minutes: minutes.values,
    hours: hours.values,
    daysOfMonth: dom.values,
    months: months.values,
    daysOfWeek: dow.values,
    dayMatchIsAnd: dom.star || dow.star,
  };
}

/**
 * The first time strictly after `after` (to the minute, UTC) that `schedule` fires; undefined when it
 * never fires within five years (e.g. `0 0 30 2 *`). Pure.
 */
export function nextCronTime(schedule: CronSchedule, after: Date): Date | undefined {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = Date.UTC(t.getUTCFullYear() + SEARCH_YEARS, 0, 1);
  while (t.getTime() < limit) {
    if (!schedule.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return t;
    }
  }
  return undefined;
}

function dayMatches(schedule: CronSchedule, t: Date): boolean {
  const dom = schedule.daysOfMonth.has(t.getUTCDate());
  const dow = schedule.daysOfWeek.has(t.getUTCDay());
  return schedule.dayMatchIsAnd ? dom && dow : dom || dow;
}

interface Parsed {
  readonly values: ReadonlySet<number>;
  readonly star: boolean;
}

function parseField(field: string, range: FieldRange): Parsed {
  const values = new Set<number>();
  let star = false;
  for (const part of field.split(',')) {
    const [span = '', stepText, extra] = part.split('/');
    if (extra !== undefined || span === '')
      throw new Error(`${range.name}: ${JSON.stringify(part)} is malformed`);
    let step = 1;
    if (stepText !== undefined) {
      step = parseNumber(stepText, range, 'step');
      if (step < 1) throw new Error(`${range.name}: step ${JSON.stringify(stepText)} must be at least 1`);
    }
    let start: number;
    let end: number;
    if (span === '*' || span === '?') {
      [start, end] = [range.min, range.max];
      if (step === 1) star = true;
    } else {
      const [from = '', to, more] = span.split('-');
      if (more !== undefined) throw new Error(`${range.name}: ${JSON.stringify(span)} is malformed`);
      start = parseValue(from, range);
      end = to !== undefined ? parseValue(to, range) : stepText !== undefined ? range.max : start;
      if (end < start) throw new Error(`${range.name}: range ${JSON.stringify(span)} ends before it starts`);
    }
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return { values, star };
}

function parseValue(text: string, range: FieldRange): number {
  const byName = range.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName >= 0) return byName + range.min;
  const n = parseNumber(text, range, 'value');
  if (n < range.min || n > range.max) {
    throw new Error(`${range.name}: ${n} is out of range ${range.min}-${range.max}`);
  }
  return n;
}

function parseNumber(text: string, range: FieldRange, what: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${range.name}: ${what} ${JSON.stringify(text)} is not a number`);
  return Number(text);
}
