// OpenTelemetry spans for reconciles, API requests and webhook calls, off unless asked for. The API package is
// imported only when tracing is turned on, so an operator without tracing pays nothing for it at start-up.
import type * as OpenTelemetryApi from '@opentelemetry/api';
import { describeError, OperatorSdkError } from '../errors/operator-sdk.error.js';

/** The instrumentation scope of every span the SDK starts. */
export const TRACER_NAME = '@score-orchestrator/operator-sdk';

/** Attribute values of a span; `undefined` ones are left out. */
export type SpanAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

/** Options of {@link Tracing.inSpan}. */
export interface SpanOptions {
  /** `internal` (default, e.g. a reconcile), `client` (an API request) or `server` (a webhook call). */
  readonly kind?: 'internal' | 'client' | 'server';
  readonly attributes?: SpanAttributes;
  /** Headers of an incoming request: a W3C `traceparent` in them makes the span its child. */
  readonly carrier?: Readonly<Record<string, string | string[] | undefined>>;
}

/** The span a traced function runs in. */
export interface TraceSpan {
  setAttributes(attributes: SpanAttributes): void;
  /** Marks the span failed: status `ERROR` with the error's message, and the error as an exception event. */
  fail(err: unknown): void;
}

const NO_SPAN: TraceSpan = { setAttributes: () => undefined, fail: () => undefined };

/**
 * Whether tracing is on: `option` when given (the manager's `tracing` option); otherwise the standard
 * OpenTelemetry environment decides, read once when the manager is created: on when `OTEL_TRACES_EXPORTER`
 * names an exporter other than `none`, unless `OTEL_SDK_DISABLED` is `true`. Unlike an OpenTelemetry SDK,
 * which exports to OTLP when the variable is unset, the SDK stays off then.
 */
export function tracingWanted(option: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (option !== undefined) return option;
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return exporters.length > 0 && !exporters.includes('none');
}

/**
 * Where the SDK's spans go: nowhere until {@link enable} loads `@opentelemetry/api`, then to the global tracer
 * provider (the one your OpenTelemetry SDK registers, e.g. `@opentelemetry/sdk-node`, which reads the other
 * `OTEL_*` variables: endpoint, service name, sampler). The `Manager` creates one, enables it in `start()` when
 * {@link tracingWanted}, and hands it to its client, controllers and webhook server.
 */
export class Tracing {
  private api?: typeof OpenTelemetryApi;
  private tracer?: OpenTelemetryApi.Tracer;

  /** Whether spans are recorded. */
  get enabled(): boolean {
    return this.tracer !== undefined;
  }

  /**
   * Loads `@opentelemetry/api` (an optional peer dependency) and starts recording. Idempotent.
   * @throws OperatorSdkError `Configuration` when the package cannot be loaded.
   */
  async enable(): Promise<void> {
    if (this.api) return;
    try {
      this.api = await import('@opentelemetry/api');
    } catch (err) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to turn tracing on: @opentelemetry/api cannot be loaded (${describeError(err)}); install it beside the SDK, or turn tracing off`,
        { cause: err },
      );
    }
    this.tracer = this.api.trace.getTracer(TRACER_NAME);
  }

  /**
   * Runs `fn` in a new span, a child of the active one (or of the `traceparent` in `options.carrier`), so that
   * spans started inside `fn` (API requests, your own) are its children. The span ends when `fn` settles, failed
   * when `fn` throws. Without tracing, just runs `fn`.
   */
  async inSpan<T>(name: string, options: SpanOptions, fn: (span: TraceSpan) => Promise<T> | T): Promise<T> {
    const { api, tracer } = this;
    if (!api || !tracer) return fn(NO_SPAN);
    const active = api.context.active();
    const parent = options.carrier ? api.propagation.extract(active, options.carrier) : active;
    const span = tracer.startSpan(
      name,
      { kind: spanKind(api, options.kind), attributes: defined(options.attributes) },
      parent,
    );
    const handle: TraceSpan = {
      setAttributes: (attributes) => span.setAttributes(defined(attributes)),
      fail: (err) => {
        if (err instanceof Error) span.recordException(err);
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: describeError(err) });
      },
    };
    return api.context.with(api.trace.setSpan(parent, span), async () => {
      try {
        return await fn(handle);
      } catch (err) {
        handle.fail(err);
        throw err;
      } finally {
        span.end();
      }
    });
  }
}

function spanKind(api: typeof OpenTelemetryApi, kind: SpanOptions['kind']): OpenTelemetryApi.SpanKind {
  if (kind === 'client') return api.SpanKind.CLIENT;
  if (kind === 'server') return api.SpanKind.SERVER;
  return api.SpanKind.INTERNAL;
}

function defined(attributes: SpanAttributes | undefined): OpenTelemetryApi.Attributes {
  const result: OpenTelemetryApi.Attributes = {};
  for (const [key, value] of Object.entries(attributes ?? {})) if (value !== undefined) result[key] = value;
  return result;
}
