import { describe, expect, it } from '@jest/globals';
import { nextCronTime, parseCronSchedule } from './cron-schedule.js';

describe('nextCronTime', () => {
  it.each([
    // schedule, after, next (UTC)
    ['*/5 * * * *', '2026-03-01T10:02:30Z', '2026-03-01T10:05:00.000Z'],
    ['*/5 * * * *', '2026-03-01T10:05:00Z', '2026-03-01T10:10:00.000Z'],
    ['0 3 * * *', '2026-03-01T03:00:00Z', '2026-03-02T03:00:00.000Z'],
    ['30 2 1 * *', '2026-01-31T23:59:00Z', '2026-02-01T02:30:00.000Z'],
    ['0 0 * * MON', '2026-03-04T12:00:00Z', '2026-03-09T00:00:00.000Z'],
    ['0 9 * JAN-MAR 1-5', '2026-03-27T10:00:00Z', '2026-03-30T09:00:00.000Z'],
    ['0 0 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['@hourly', '2026-03-01T10:59:59Z', '2026-03-01T11:00:00.000Z'],
    ['@weekly', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00.000Z'],
    ['15,45 */6 * * ?', '2026-03-01T06:20:00Z', '2026-03-01T06:45:00.000Z'],
    // both day fields restricted: either matches (the 1st, or a Friday)
    ['0 0 1 * 5', '2026-03-02T00:00:00Z', '2026-03-06T00:00:00.000Z'],
    // a stepped day-of-month is not a star: either matches
    ['0 0 */10 * 0', '2026-03-02T00:00:00Z', '2026-03-08T00:00:00.000Z'],
    ['10/20 * * * *', '2026-03-01T10:31:00Z', '2026-03-01T10:50:00.000Z'],
  ])('%s after %s is %s', (schedule, after, next) => {
    expect(nextCronTime(parseCronSchedule(schedule), new Date(after))?.toISOString()).toBe(next);
  });

  it('is undefined for a schedule that never fires', () => {
    expect(nextCronTime(parseCronSchedule('0 0 30 2 *'), new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('parseCronSchedule', () => {
  it.each([
    ['* * * *', /expected 5 fields/],
    ['* * * * * *', /expected 5 fields/],
    ['60 * * * *', /minute: 60 is out of range 0-59/],
    ['* 24 * * *', /hour: 24 is out of range 0-23/],
    ['* * 0 * *', /day of month: 0 is out of range 1-31/],
    ['* * * 13 *', /month: 13 is out of range 1-12/],
    ['* * * * 7', /day of week: 7 is out of range 0-6/],
    ['5-1 * * * *', /ends before it starts/],
    ['*/0 * * * *', /step "0" must be at least 1/],
    ['a * * * *', /minute: value "a" is not a number/],
    ['@often', /unknown macro "@often"/],
    ['TZ=Europe/Berlin 0 3 * * *', /time-zone prefixes/],
    ['1,,2 * * * *', /malformed/],
  ])('refuses %s', (schedule, message) => {
    expect(() => parseCronSchedule(schedule)).toThrow(message);
  });

  it('reads month and weekday names in any case', () => {
    const schedule = parseCronSchedule('0 0 * jan,Dec sun-tue');
    expect([...schedule.months]).toEqual([1, 12]);
    expect([...schedule.daysOfWeek]).toEqual([0, 1, 2]);
  });
});
