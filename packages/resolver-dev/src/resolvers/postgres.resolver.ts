import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { databaseIdentifier } from '../naming/backing-names.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 5432;

/** A dedicated PostgreSQL server per claim, with one database and user named after the claim. */
export const postgresRecipe: BackingServiceRecipe = {
  component: 'postgres',
  prefix: 'pg',
  credentials: [{ key: 'password' }],
  spec: ({ request, name, credentials, settings }) => {
    const database = databaseIdentifier(request.claimName);
    return {
      component: 'postgres',
      name,
      image: settings.images.postgres,
      ports: [{ name: 'postgres', port }],
      dataPath: '/var/lib/postgresql/data',
      // initdb runs as postgres and must reach PGDATA, a folder inside the mount.
      dataOwner: 'postgres:postgres',
      secretData: { password: credentials.password },
      env: [
        { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
        { name: 'POSTGRES_USER', value: database },
        { name: 'POSTGRES_DB', value: database },
      ],
      secretEnv: { POSTGRES_PASSWORD: 'password' },
      readinessProbe: { exec: { command: ['pg_isready', '-U', database, '-d', database] }, periodSeconds: 3 },
    };
  },
  outputs: ({ request, name, credentials }) => {
    const database = databaseIdentifier(request.claimName);
    return {
      outputs: { host: name, port, name: database, database, username: database },
      secretOutputs: { password: credentials.password },
    };
  },
};

/** `postgres`: outputs host, port, name, database, username and (secret) password, as score-k8s. */
@Resolver({ name: 'dev-postgres', type: 'postgres', owns: backingServiceKinds })
export class PostgresResolver extends BackingServiceResolver {
  protected readonly recipe = postgresRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
