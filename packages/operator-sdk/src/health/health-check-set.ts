import { setTimeout as sleep } from 'node:timers/promises';
import { OperatorSdkError, describeError } from '../errors/operator-sdk.error.js';
import type { HealthCheck } from './health-check.js';
import { publicReasonOf } from './not-ready.error.js';

/** The outcome of one check; `error` is for logs only and never goes into a response body. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly excluded: boolean;
  readonly error?: string;
  /** The reason shown in the response: only a `NotReadyError`'s. */
  readonly reason?: string;
}

/** What an endpoint answers: the HTTP status and a plain-text body. */
export interface CheckResponse {
  readonly status: 200 | 404 | 500;
  readonly body: string;
  readonly failed: readonly CheckResult[];
}

/**
 * The named checks behind one endpoint (`healthz` or `readyz`), answering in the format of
 * Kubernetes' own endpoints: `ok`, or with `?verbose` one `[+]name ok` / `[-]name failed` line per
 * check. Failures always list the checks, with their reasons withheld (they go to the log instead: a
 * probe response is readable by anyone who can reach the port), except the reason of a `NotReadyError`,
 * which a check throws to explain itself in public.
 */
export class HealthCheckSet {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(
    /** `healthz` or `readyz`; used in the closing line, as Kubernetes does. */
    readonly endpoint: string,
    private readonly timeoutMs: number,
  ) {}

  /** @throws OperatorSdkError of kind `Configuration` when the name is taken or not URL-safe. */
  add(name: string, check: HealthCheck): void {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      throw new OperatorSdkError(
        'Configuration',
        `invalid ${this.endpoint} check name "${name}": use letters, digits, '.', '_', '-'`,
      );
    }
    if (this.checks.has(name)) {
      throw new OperatorSdkError(
        'Configuration',
        `duplicate ${this.endpoint} check "${name}": pick another name`,
      );
    }
    this.checks.set(name, check);
  }

  /** Runs the checks concurrently, each bounded by the timeout, and renders the answer. */
  async respond(options: {
    verbose: boolean;
    exclude: readonly string[];
    only?: string;
  }): Promise<CheckResponse> {
    const names = options.only === undefined ? [...this.checks.keys()] : [options.only];
    if (options.only !== undefined && !this.checks.has(options.only)) {
      return { status: 404, body: `${this.endpoint} check "${options.only}" not found\n`, failed: [] };
    }
    const results = await Promise.all(names.map((name) => this.run(name, options.exclude.includes(name))));
    const failed = results.filter((r) => !r.ok);
    if (failed.length === 0 && !options.verbose) return { status: 200, body: 'ok', failed };
    const lines = results.map((r) =>
      r.excluded
        ? `[+]${r.name} excluded: ok`
        : r.ok
          ? `[+]${r.name} ok`
          : `[-]${r.name} failed: ${r.reason ?? 'reason withheld'}`,
    );
    lines.push(`${this.endpoint} check ${failed.length === 0 ? 'passed' : 'failed'}`);
    return { status: failed.length === 0 ? 200 : 500, body: lines.join('\n') + '\n', failed };
  }

  private async run(name: string, excluded: boolean): Promise<CheckResult> {
    if (excluded) return { name, ok: true, excluded };
    const check = this.checks.get(name) as HealthCheck;
    const timeout = new AbortController();
    try {
      await Promise.race([
        Promise.resolve().then(check),
        sleep(this.timeoutMs, undefined, { signal: timeout.signal }).then(() => {
          throw new Error(`timed out after ${this.timeoutMs}ms`);
        }),
      ]);
      return { name, ok: true, excluded };
    } catch (err) {
      return { name, ok: false, excluded, error: describeError(err), reason: publicReasonOf(err) };
    } finally {
      timeout.abort();
    }
  }
}
