import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { routeEvents } from '../controller/internal/event-routing.js';
import { createLogger, type LogFields, type Logger } from './logger.js';

/** A logger with nothing but the five methods of the SDK's interface: no winston behind it. */
function recordingLogger(lines: [string, string, LogFields][], bound: LogFields = {}): Logger {
  const write = (level: string) => (message: string, fields?: LogFields) =>
    void lines.push([level, message, { ...bound, ...fields }]);
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: (fields) => recordingLogger(lines, { ...bound, ...fields }),
  };
}

describe('Logger', () => {
  it('createLogger writes one JSON line per call, child fields included', () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
    createLogger({ stream, defaultMeta: { component: 'test' } })
      .child({ controller: 'widget' })
      .info('starting workers', { workerCount: 2 });
    expect(JSON.parse(chunks.join(''))).toMatchObject({
      level: 'info',
      message: 'starting workers',
      component: 'test',
      controller: 'widget',
      workerCount: 2,
    });
  });

  it('is the SDK’s own interface: a logger that is not winston serves the SDK', () => {
    const lines: [string, string, LogFields][] = [];
    const source = {
      kind: BuiltinKinds.ConfigMap,
      map: () => {
        throw new Error('bad map');
      },
      predicates: [],
    };
    routeEvents(source, () => undefined, recordingLogger(lines).child({ controller: 'c' })).onAdd!(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns' } },
      false,
    );
    expect(lines).toEqual([
      [
        'error',
        'failed to map a watch event to reconcile requests',
        { controller: 'c', kind: 'ConfigMap', err: 'Error: bad map' },
      ],
    ]);
  });
});
