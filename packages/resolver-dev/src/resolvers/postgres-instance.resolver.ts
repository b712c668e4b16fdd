import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { databaseIdentifier } from '../naming/backing-names.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';
import { postgresServerSpec } from './postgres.resolver.js';

/**
 * A dedicated PostgreSQL server per claim with a superuser named after the claim and no database of its own
 * (the server's default one, named after the user, exists): the workload creates what it needs.
 */
export const postgresInstanceRecipe: BackingServiceRecipe = {
  component: 'postgres-instance',
  prefix: 'pg',
  credentials: [{ key: 'password' }],
  spec: (input) =>
    postgresServerSpec(input, 'postgres-instance', { user: databaseIdentifier(input.request.claimName) }),
  outputs: ({ request, name, credentials }) => ({
    outputs: { host: name, port: 5432, username: databaseIdentifier(request.claimName) },
    secretOutputs: { password: credentials.password },
  }),
};

/** `postgres-instance`: outputs host, port, username and (secret) password, as score-k8s and score-compose. */
@Resolver({
  name: 'dev-postgres-instance',
  type: 'postgres-instance',
  owns: backingServiceKinds,
  description: 'a PostgreSQL server per claim, without a database: the workload creates its own',
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '5432' },
    { name: 'username', description: 'a superuser, named after the claim (`web-db` -> `web_db`)' },
    { name: 'password', secret: true },
  ],
})
export class PostgresInstanceResolver extends BackingServiceResolver {
  protected readonly recipe = postgresInstanceRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
