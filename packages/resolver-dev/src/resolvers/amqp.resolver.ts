import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { databaseIdentifier } from '../naming/backing-names.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 5672;

/** A dedicated RabbitMQ server per claim, with a vhost and user named after the claim. */
export const amqpRecipe: BackingServiceRecipe = {
  component: 'rabbitmq',
  prefix: 'rabbitmq',
  credentials: [{ key: 'password' }],
  spec: ({ request, name, credentials, settings }) => ({
    component: 'rabbitmq',
    name,
    image: settings.images.rabbitmq,
    ports: [
      { name: 'amqp', port },
      { name: 'management', port: 15672 },
    ],
    dataPath: '/var/lib/rabbitmq',
    secretData: { password: credentials.password },
    env: [
      { name: 'RABBITMQ_DEFAULT_USER', value: databaseIdentifier(request.claimName) },
      { name: 'RABBITMQ_DEFAULT_VHOST', value: databaseIdentifier(request.claimName) },
    ],
    secretEnv: { RABBITMQ_DEFAULT_PASS: 'password' },
    readinessProbe: {
      exec: { command: ['rabbitmq-diagnostics', '-q', 'check_port_connectivity'] },
      periodSeconds: 5,
      timeoutSeconds: 5,
    },
  }),
  outputs: ({ request, name, credentials }) => {
    const id = databaseIdentifier(request.claimName);
    return {
      outputs: { host: name, port, vhost: id, username: id },
      // score-k8s publishes this password in plain text; here it is a secret output.
      secretOutputs: { password: credentials.password },
    };
  },
};

/** `amqp` (RabbitMQ): outputs host, port, vhost, username and (secret) password, as score-k8s. */
@Resolver({
  name: 'dev-amqp',
  type: 'amqp',
  owns: backingServiceKinds,
  description: 'a RabbitMQ server per claim, with one vhost and user named after the claim',
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '5672' },
    { name: 'vhost', description: 'named after the claim' },
    { name: 'username', description: 'named after the claim' },
    { name: 'password', secret: true },
  ],
})
export class AmqpResolver extends BackingServiceResolver {
  protected readonly recipe = amqpRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
