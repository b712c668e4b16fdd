import { describe, expect, it } from '@jest/globals';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { parsePlatformConfig } from './parse-platform-config.js';

const config = (batch: string) =>
  `apiVersion: score.dev/v1b1\nkind: PlatformConfig\nprofiles:\n  - name: nightly\n    batch:\n${batch
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}\n`;

function issuesOf(text: string): string[] {
  try {
    parsePlatformConfig(text);
  } catch (err) {
    if (OrchestratorError.is(err, 'Configuration')) return err.issues.map((i) => `${i.field}: ${i.message}`);
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

describe('profile batch settings', () => {
  it('reads a cronjob profile', () => {
    const parsed = parsePlatformConfig(
      config(
        'kind: cronjob\nschedule: "0 3 * * *"\nconcurrencyPolicy: Forbid\nsuccessfulHistoryLimit: 2\nfailedHistoryLimit: 1\nbackoffLimit: 4\nactiveDeadlineSeconds: 3600\nrestartPolicy: Never\nsuspend: false',
      ),
    );
    expect(parsed.profiles[0]?.batch).toEqual({
      kind: 'cronjob',
      schedule: '0 3 * * *',
      concurrencyPolicy: 'Forbid',
      successfulHistoryLimit: 2,
      failedHistoryLimit: 1,
      backoffLimit: 4,
      activeDeadlineSeconds: 3600,
      restartPolicy: 'Never',
      suspend: false,
    });
  });

  it('reads a job profile', () => {
    expect(parsePlatformConfig(config('kind: job\nbackoffLimit: 0')).profiles[0]?.batch).toEqual({
      kind: 'job',
      backoffLimit: 0,
    });
  });

  it.each([
    ['backoffLimit: 1', 'profiles[0].batch.kind: is required: job or cronjob'],
    ['kind: CronJob', 'profiles[0].batch.kind: "CronJob" is not one of job, cronjob'],
    ['kind: cronjob', 'profiles[0].batch.schedule: is required for a cronjob (e.g. "0 3 * * *")'],
    [
      'kind: cronjob\nschedule: "every day"',
      'profiles[0].batch.schedule: "every day" is not a valid cron schedule',
    ],
    ['kind: job\nschedule: "@daily"', 'profiles[0].batch.schedule: applies only to a cronjob'],
    [
      'kind: job\nbackoffLimit: -2',
      'profiles[0].batch.backoffLimit: -2 is not a whole number from 0 to 1000000',
    ],
    ['kind: job\nretries: 2', 'profiles[0].batch.retries: unknown field'],
  ])('refuses %j at load, naming the field', (batch, message) => {
    expect(issuesOf(config(batch)).join('\n')).toContain(message);
  });
});
