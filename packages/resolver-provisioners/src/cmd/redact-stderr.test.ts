import { describe, expect, it } from '@jest/globals';
import { describeStderr, redactStderr, secretNeedles } from './redact-stderr.js';

describe('redactStderr', () => {
  it.each([
    ['a plain message', 'connection refused by db:5432', true],
    ['a password assignment', 'DB_PASSWORD=hunter2', false],
    ['a YAML-ish secret', 'client_secret: abc', false],
    ['a JSON token', '"accessToken":"abc"', false],
    ['an api key with spaces', 'api key = abc', false],
    ['an API_KEY export', 'export API_KEY=abc', false],
    ['a credential word without a value', 'error: token expired', true],
    ['a key with an empty value', 'password=', true],
    ['a bearer token', 'sending Bearer abc123', false],
    ['a URL with user and password', 'dial postgres://app:pw@db:5432/app', false],
    ['a URL with a token as user', 'git clone https://ghp_abc@github.com/x/y', false],
    ['a URL without user info', 'GET https://db.internal:8443/ready', true],
    ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----', false],
    ['a JWT', 'got eyJhbGciOi.eyJzdWIiOi.sig', false],
    ['an AWS access key id', 'using AKIAABCDEFGHIJKLMNOP', false],
  ])('%s: kept %p', (_name, line, kept) => {
    expect(redactStderr(line, []).lines).toEqual(kept ? [line] : []);
  });

  it('drops lines holding a known value, raw or base64, and counts them', () => {
    const needles = secretNeedles({ password: 'p4ss-value' }, ['multi\nline-secret'], { short: 'abc' });
    const text = [
      'start',
      'echo p4ss-value',
      Buffer.from('p4ss-value').toString('base64'),
      'line-secret here',
      'abc stays',
      '',
    ].join('\n');
    expect(redactStderr(text, needles)).toEqual({ lines: ['start', 'abc stays'], removed: 3 });
  });

  it('drops the first line when the tail cut it, and keeps the last 10 lines', () => {
    const text = ['ret-end', ...Array.from({ length: 12 }, (_, i) => `line ${i}`)].join('\n');
    const { lines } = redactStderr(text, [], true);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 2}`));
  });
});

describe('describeStderr', () => {
  it.each([
    [{ lines: ['a', 'b'], removed: 0 }, '; stderr: a | b'],
    [{ lines: ['a'], removed: 1 }, '; stderr (1 line that may hold secrets removed): a'],
    [{ lines: [], removed: 2 }, '; stderr withheld (2 lines that may hold secrets removed)'],
    [{ lines: [], removed: 0 }, '; stderr was empty'],
  ])('%j -> %s', (redacted, text) => {
    expect(describeStderr(redacted)).toBe(text);
  });
});
