import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 9200;
/** The built-in superuser, as score-compose. */
const username = 'elastic';

/**
 * A dedicated single-node Elasticsearch per claim with security on (user `elastic`) and plain HTTP (no TLS,
 * as every dev service here). Settings go through the image's `ES_SETTING_*` variables, names any
 * Kubernetes accepts.
 */
export const elasticsearchRecipe: BackingServiceRecipe = {
  component: 'elasticsearch',
  prefix: 'es',
  credentials: [{ key: 'password' }],
  spec: ({ name, credentials, settings }) => ({
    component: 'elasticsearch',
    name,
    image: settings.images.elasticsearch,
    ports: [{ name: 'http', port }],
    dataPath: '/usr/share/elasticsearch/data',
    // The server runs as elasticsearch (uid 1000, group root).
    dataOwner: '1000:0',
    secretData: { password: credentials.password },
    env: [
      { name: 'ES_SETTING_CLUSTER_NAME', value: name },
      { name: 'ES_SETTING_NODE_NAME', value: name },
      // One node: no discovery, and the production bootstrap checks (vm.max_map_count...) do not apply.
      { name: 'ES_SETTING_DISCOVERY_TYPE', value: 'single-node' },
      { name: 'ES_SETTING_XPACK_SECURITY_ENABLED', value: 'true' },
      { name: 'ES_SETTING_XPACK_SECURITY_HTTP_SSL_ENABLED', value: 'false' },
      { name: 'ES_SETTING_XPACK_SECURITY_TRANSPORT_SSL_ENABLED', value: 'false' },
      { name: 'ES_SETTING_XPACK_LICENSE_SELF__GENERATED_TYPE', value: 'basic' },
      { name: 'ES_JAVA_OPTS', value: '-Xms512m -Xmx512m' },
    ],
    secretEnv: { ELASTIC_PASSWORD: 'password' },
    readinessProbe: {
      exec: {
        command: [
          '/bin/sh',
          '-c',
          `curl -fsS -o /dev/null -u "${username}:$ELASTIC_PASSWORD" "http://127.0.0.1:${port}/_cluster/health?wait_for_status=yellow&timeout=2s"`,
        ],
      },
      periodSeconds: 5,
      timeoutSeconds: 5,
    },
  }),
  outputs: ({ name, credentials }) => ({
    outputs: { host: name, port, username },
    secretOutputs: { password: credentials.password },
  }),
};

/** `elasticsearch`: outputs host, port, username and (secret) password, as score-compose. */
@Resolver({
  name: 'dev-elasticsearch',
  type: 'elasticsearch',
  owns: backingServiceKinds,
  description: 'a single-node Elasticsearch per claim, security on, plain HTTP',
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '9200 (HTTP)' },
    { name: 'username', description: '`elastic`' },
    { name: 'password', secret: true },
  ],
})
export class ElasticsearchResolver extends BackingServiceResolver {
  protected readonly recipe = elasticsearchRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
