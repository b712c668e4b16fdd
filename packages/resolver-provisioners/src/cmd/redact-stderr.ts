// What of a failed cmd:// program's stderr may reach claim status, events and logs: no line that may hold a
// secret. Secrets never appear there, so this errs on the side of dropping lines.

/** Known secret values shorter than this are not looked for: they would drop most lines. */
const minSecretLength = 4;
/** At most this many stderr lines are kept (the last ones). */
const maxLines = 10;

/** Lines shaped like secrets, whatever their value. Each drops the whole line it matches. */
const secretShapes: readonly RegExp[] = [
  // key=value, key: value, "key": "value" where the key names a credential (DB_PASSWORD=, apiKey:, ...).
  /(pass|secret|token|key|pwd|credential|auth)[\w.-]*["']?\s*[:=]\s*\S/i,
  // An HTTP bearer token.
  /\bbearer\s+\S/i,
  // A URL with user info (scheme://user:password@host, scheme://token@host).
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@]+@/i,
  // A PEM private key, a JWT, an AWS access key id.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
  /\beyJ[\w-]{4,}\.[\w-]{4,}\./,
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/,
];

/** What {@link redactStderr} kept. */
export interface RedactedStderr {
  /** The lines kept, at most the last 10, without blank ones. */
  readonly lines: readonly string[];
  /** How many lines were dropped because they may hold a secret. */
  readonly removed: number;
}

/**
 * The values to look for in a failed program's stderr: every string in `sources` (nested anywhere) of at
 * least 4 characters, each line of a multi-line one, and their base64 forms (Secret manifests carry values
 * base64-encoded). Pure.
 */
export function secretNeedles(...sources: unknown[]): string[] {
  const needles = new Set<string>();
  const add = (text: string) => {
    for (const part of [text, ...text.split(/\r?\n/).map((l) => l.trim())]) {
      if (part.length < minSecretLength) continue;
      needles.add(part);
      needles.add(Buffer.from(part, 'utf8').toString('base64'));
    }
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  sources.forEach(walk);
  return [...needles];
}

/**
 * `stderr` without the lines that may hold a secret: lines containing any of `needles` (see
 * {@link secretNeedles}) or shaped like a secret (a `key=value` or `key: value` whose key contains pass,
 * secret, token, key, pwd, credential or auth; a bearer token; a URL with user info; a private key, JWT or
 * AWS key id). With `cutAtStart`, the first line is dropped too: it is the end of a line cut off by the tail,
 * which may be the end of a secret. Pure.
 */
export function redactStderr(stderr: string, needles: readonly string[], cutAtStart = false): RedactedStderr {
  const lines = stderr.split(/\r?\n/);
  if (cutAtStart) lines.shift();
  const kept: string[] = [];
  let removed = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (needles.some((n) => line.includes(n)) || secretShapes.some((re) => re.test(line))) removed++;
    else kept.push(line.trim());
  }
  return { lines: kept.slice(-maxLines), removed };
}

/** How a failure message shows redacted stderr: `; stderr (...): a | b`, or why there is none. */
export function describeStderr({ lines, removed }: RedactedStderr): string {
  const note =
    removed === 0 ? '' : ` (${removed} line${removed === 1 ? '' : 's'} that may hold secrets removed)`;
  if (lines.length > 0) return `; stderr${note}: ${lines.join(' | ')}`;
  return removed === 0 ? '; stderr was empty' : `; stderr withheld${note}`;
}
