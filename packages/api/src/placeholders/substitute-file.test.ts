import { describe, expect, it } from '@jest/globals';
import type { ScoreContainerFile } from '../score-file/score-workload.js';
import { createScoreResolver } from './score-resolver.js';
import { SecretReference } from './secret-reference.js';
import { substituteFile } from './substitute-file.js';

const cert = new SecretReference('tls', 'tls.crt');
const resolver = createScoreResolver({
  metadata: { name: 'web' },
  resources: { db: { id: 'db', outputs: { host: 'db.local', cert } }, cache: { id: 'cache' } },
});
const field = 'containers.web.files["/etc/app.conf"]';

describe('substituteFile', () => {
  it.each<[string, ScoreContainerFile, unknown]>([
    [
      'expands content',
      { content: 'host=${resources.db.host}\nname=$${x}' },
      { content: 'host=db.local\nname=${x}' },
    ],
    ['keeps the mode', { mode: '0600', content: 'a' }, { mode: '0600', content: 'a' }],
    ['never expands noExpand content', { content: '${nope} $$', noExpand: true }, { content: '${nope} $$' }],
    ['never expands binaryContent', { binaryContent: 'JHtub3BlfQ==' }, { binaryContent: 'JHtub3BlfQ==' }],
    ['mounts a whole-content secret as a reference', { content: '${resources.db.cert}' }, { content: cert }],
  ])('%s', (_name, file, expected) => {
    expect(substituteFile(file, resolver, field)).toEqual({ resolved: true, value: expected });
  });

  it('rejects a secret mixed into file content, naming the content field', () => {
    expect(() => substituteFile({ content: 'cert: ${resources.db.cert}' }, resolver, field)).toThrow(
      `${field}.content: secret output \${resources.db.cert} cannot be used inside file content mixed with other text`,
    );
  });

  it('rejects a source that was not inlined', () => {
    expect(() => substituteFile({ source: './app.conf' }, resolver, field)).toThrow(
      `${field}.source: file sources`,
    );
  });

  it('reports a pending output as unresolved', () => {
    expect(substituteFile({ content: '${resources.cache.url}' }, resolver, field)).toMatchObject({
      resolved: false,
      unresolved: [{ placeholder: '${resources.cache.url}', field: `${field}.content`, resource: 'cache' }],
    });
  });
});
