/** One DNS question, as a query carries it. */
export interface DnsQuestion {
  /** Lower case, without the trailing dot, e.g. `pg.team.svc.cluster.local`. */
  readonly name: string;
  readonly type: number;
  /** The question's bytes (name, type, class), copied into the answer. */
  readonly raw: Buffer;
}

/** A parsed query: its id, flags and first question. */
export interface DnsQuery {
  readonly id: number;
  readonly flags: number;
  readonly question: DnsQuestion;
}

/** Record types this server answers. */
export const DnsType = { A: 1, AAAA: 28 } as const;

/** Response codes this server gives. */
export const DnsRcode = { NoError: 0, FormErr: 1, NxDomain: 3, NotImp: 4 } as const;

/**
 * Parses a query's header and first question (RFC 1035 §4.1), or undefined when the message is not a
 * standard query with one question and an uncompressed name, as stub resolvers send.
 */
export function parseQuery(message: Buffer): DnsQuery | undefined {
  if (message.length < 12) return undefined;
  const flags = message.readUInt16BE(2);
  if ((flags & 0x8000) !== 0 || ((flags >> 11) & 0xf) !== 0 || message.readUInt16BE(4) !== 1)
    return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = message[offset];
    if (length === undefined || length > 63) return undefined;
    offset += 1;
    if (length === 0) break;
    if (offset + length > message.length) return undefined;
    labels.push(message.toString('latin1', offset, offset + length).toLowerCase());
    offset += length;
  }
  if (offset + 4 > message.length) return undefined;
  return {
    id: message.readUInt16BE(0),
    flags,
    question: {
      name: labels.join('.'),
      type: message.readUInt16BE(offset),
      raw: message.subarray(12, offset + 4),
    },
  };
}

/**
 * An authoritative answer to `query`: `rcode`, and one A record per address (TTL 5 s, the name pointing at
 * the question).
 */
export function buildAnswer(query: DnsQuery, rcode: number, addresses: readonly string[] = []): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  // QR, the query's opcode and RD, AA; no recursion available.
  header.writeUInt16BE(0x8000 | (query.flags & 0x7900) | 0x0400 | (rcode & 0xf), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const records = addresses.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0);
    record.writeUInt16BE(DnsType.A, 2);
    record.writeUInt16BE(1, 4);
    record.writeUInt32BE(5, 6);
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
    return record;
  });
  return Buffer.concat([header, query.question.raw, ...records]);
}

/** A query for `name` and `type`, as a stub resolver sends it (for tests and probes). */
export function buildQuery(id: number, name: string, type: number): Buffer {
  const labels = name.split('.').filter((label) => label !== '');
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2);
  header.writeUInt16BE(1, 4);
  const question = Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')])),
    Buffer.from([0, type >> 8, type & 0xff, 0, 1]),
  ]);
  return Buffer.concat([header, question]);
}
