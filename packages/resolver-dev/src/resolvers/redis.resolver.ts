import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 6379;

/** A dedicated Redis server per claim, password-protected (`requirepass`), saving to its data volume. */
export const redisRecipe: BackingServiceRecipe = {
  component: 'redis',
  prefix: 'redis',
  credentials: [{ key: 'password' }],
  spec: ({ name, credentials, settings }) => ({
    component: 'redis',
    name,
    image: settings.images.redis,
    ports: [{ name: 'redis', port }],
    dataPath: '/data',
    secretData: {
      password: credentials.password,
      'redis.conf': `requirepass ${credentials.password}\nport ${port}\ndir /data\nsave 60 1\nloglevel warning\n`,
    },
    // The config (with the password) is a file from the backing Secret, never an argument.
    command: ['redis-server', '/usr/local/etc/redis/redis.conf'],
    secretFiles: { mountPath: '/usr/local/etc/redis', items: [{ key: 'redis.conf', path: 'redis.conf' }] },
    // redis-cli reads the password from REDISCLI_AUTH, for the readiness probe.
    secretEnv: { REDISCLI_AUTH: 'password' },
    readinessProbe: { exec: { command: ['redis-cli', 'ping'] }, periodSeconds: 3 },
  }),
  outputs: ({ name, credentials }) => ({
    outputs: { host: name, port, username: 'default' },
    secretOutputs: { password: credentials.password },
  }),
};

/** `redis`: outputs host, port, username and (secret) password, as score-k8s. */
@Resolver({
  name: 'dev-redis',
  type: 'redis',
  owns: backingServiceKinds,
  description: 'a password-protected Redis server per claim',
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '6379' },
    { name: 'username', description: '`default`' },
    { name: 'password', secret: true },
  ],
})
export class RedisResolver extends BackingServiceResolver {
  protected readonly recipe = redisRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
