import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { databaseIdentifier } from '../naming/backing-names.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 27017;

/** A dedicated MongoDB server per claim, with a root user named after the claim. */
export const mongodbRecipe: BackingServiceRecipe = {
  component: 'mongodb',
  prefix: 'mongo',
  credentials: [{ key: 'password' }],
  spec: ({ request, name, credentials, settings }) => ({
    component: 'mongodb',
    name,
    image: settings.images.mongodb,
    ports: [{ name: 'mongodb', port }],
    dataPath: '/data/db',
    secretData: { password: credentials.password },
    env: [{ name: 'MONGO_INITDB_ROOT_USERNAME', value: databaseIdentifier(request.claimName) }],
    secretEnv: { MONGO_INITDB_ROOT_PASSWORD: 'password' },
    readinessProbe: {
      exec: { command: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"] },
      periodSeconds: 5,
      timeoutSeconds: 5,
    },
  }),
  outputs: ({ request, name, credentials }) => {
    const username = databaseIdentifier(request.claimName);
    return {
      outputs: { host: name, port, username },
      secretOutputs: {
        password: credentials.password,
        // Holds the password, so it is a secret output too.
        connection: `mongodb://${username}:${encodeURIComponent(credentials.password)}@${name}:${port}/`,
      },
    };
  },
};

/** `mongodb`: outputs host, port, username and (secret) password and connection, as score-k8s. */
@Resolver({
  name: 'dev-mongodb',
  type: 'mongodb',
  owns: backingServiceKinds,
  description: 'a MongoDB server per claim, with a root user named after the claim',
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '27017' },
    { name: 'username', description: 'the root user, named after the claim' },
    { name: 'password', secret: true },
    { name: 'connection', secret: true, description: '`mongodb://<username>:<password>@<host>:27017/`' },
  ],
})
export class MongodbResolver extends BackingServiceResolver {
  protected readonly recipe = mongodbRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
