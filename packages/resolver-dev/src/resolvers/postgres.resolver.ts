import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { databaseIdentifier } from '../naming/backing-names.js';
import type { BackingServiceSpec } from '../manifests/backing-service.manifests.js';
import type { BackingServiceRecipe, RecipeInput } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 5432;

/**
 * The PostgreSQL server of a claim: user `user` with the password credential, and database `database`
 * (absent: only the server's default database, named after the user). Shared by `postgres` and
 * `postgres-instance`.
 */
export function postgresServerSpec(
  { name, credentials, settings }: RecipeInput,
  component: string,
  { user, database }: { readonly user: string; readonly database?: string },
): BackingServiceSpec {
  return {
    component,
    name,
    image: settings.images.postgres,
    ports: [{ name: 'postgres', port }],
    dataPath: '/var/lib/postgresql/data',
    // initdb runs as postgres and must reach PGDATA, a folder inside the mount.
    dataOwner: 'postgres:postgres',
    secretData: { password: credentials.password },
    env: [
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
      { name: 'POSTGRES_USER', value: user },
      ...(database === undefined ? [] : [{ name: 'POSTGRES_DB', value: database }]),
    ],
    secretEnv: { POSTGRES_PASSWORD: 'password' },
    readinessProbe: {
      exec: { command: ['pg_isready', '-U', user, '-d', database ?? user] },
      periodSeconds: 3,
    },
  };
}

/** A dedicated PostgreSQL server per claim, with one database and user named after the claim. */
export const postgresRecipe: BackingServiceRecipe = {
  component: 'postgres',
  prefix: 'pg',
  credentials: [{ key: 'password' }],
  spec: (input) => {
    const database = databaseIdentifier(input.request.claimName);
    return postgresServerSpec(input, 'postgres', { user: database, database });
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
@Resolver({
  name: 'dev-postgres',
  type: 'postgres',
  owns: backingServiceKinds,
  description: 'a PostgreSQL server per claim, with one database and user named after the claim',
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '5432' },
    { name: 'name', description: 'the database, named after the claim (`web-db` -> `web_db`)' },
    { name: 'database', description: 'same as `name`' },
    { name: 'username', description: 'the database owner, named like the database' },
    { name: 'password', secret: true },
  ],
})
export class PostgresResolver extends BackingServiceResolver {
  protected readonly recipe = postgresRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
