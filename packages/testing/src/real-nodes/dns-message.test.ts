import { describe, expect, it } from '@jest/globals';

import { buildAnswer, buildQuery, DnsRcode, DnsType, parseQuery } from './dns-message.js';

describe('DNS messages', () => {
  const query = parseQuery(buildQuery(0x1234, 'PG.Team-A.svc.cluster.local', DnsType.A));

  it('parses a stub resolver query: id, lower-case name and type', () => {
    expect(query).toMatchObject({ id: 0x1234, question: { name: 'pg.team-a.svc.cluster.local', type: 1 } });
  });

  it('answers with the question and one A record per address, authoritative', () => {
    const answer = buildAnswer(query!, DnsRcode.NoError, ['10.0.0.42']);
    expect(answer.readUInt16BE(0)).toBe(0x1234);
    expect(answer.readUInt16BE(2) & 0x8000).toBe(0x8000);
    expect(answer.readUInt16BE(2) & 0x0400).toBe(0x0400);
    expect(answer.readUInt16BE(2) & 0xf).toBe(0);
    expect(answer.readUInt16BE(6)).toBe(1);
    expect([...answer.subarray(-4)]).toEqual([10, 0, 0, 42]);
  });

  it('says NXDOMAIN with no records', () => {
    const answer = buildAnswer(query!, DnsRcode.NxDomain);
    expect(answer.readUInt16BE(2) & 0xf).toBe(3);
    expect(answer.readUInt16BE(6)).toBe(0);
  });

  it('ignores what is not a one-question standard query', () => {
    expect(parseQuery(Buffer.alloc(5))).toBeUndefined();
    const response = buildAnswer(query!, DnsRcode.NoError);
    expect(parseQuery(response)).toBeUndefined();
  });
});
