import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { databaseIdentifier } from '../naming/backing-names.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 3306;

/** A dedicated MySQL server per claim, with one database and user named after the claim. */
export const mysqlRecipe: BackingServiceRecipe = {
  component: 'mysql',
  prefix: 'mysql',
  credentials: [{ key: 'password' }, { key: 'root_password' }],
  spec: ({ request, name, credentials, settings }) => ({
    component: 'mysql',
    name,
    image: settings.images.mysql,
    ports: [{ name: 'mysql', port }],
    dataPath: '/var/lib/mysql',
    secretData: { password: credentials.password, root_password: credentials.root_password },
    env: [
      { name: 'MYSQL_USER', value: mysqlUser(request.claimName) },
      { name: 'MYSQL_DATABASE', value: databaseIdentifier(request.claimName, 64) },
    ],
    secretEnv: { MYSQL_PASSWORD: 'password', MYSQL_ROOT_PASSWORD: 'root_password' },
    readinessProbe: { exec: { command: ['mysqladmin', 'ping', '-h', '127.0.0.1'] }, periodSeconds: 3 },
  }),
  outputs: ({ request, name, credentials }) => {
    const database = databaseIdentifier(request.claimName, 64);
    return {
      outputs: { host: name, port, name: database, database, username: mysqlUser(request.claimName) },
      // The root password stays in the backing Secret: it is not an output.
      secretOutputs: { password: credentials.password },
    };
  },
};

/** MySQL user names hold at most 32 characters. */
function mysqlUser(claimName: string): string {
  return databaseIdentifier(claimName, 32);
}

/** `mysql`: outputs host, port, name, database, username and (secret) password, as score-k8s. */
@Resolver({
  name: 'dev-mysql',
  type: 'mysql',
  owns: backingServiceKinds,
  description: 'a MySQL server per claim, with one database and user named after the claim',
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '3306' },
    { name: 'name', description: 'the database, named after the claim (`web-db` -> `web_db`)' },
    { name: 'database', description: 'same as `name`' },
    { name: 'username', description: 'a user with all rights on the database (at most 32 characters)' },
    { name: 'password', secret: true },
  ],
})
export class MysqlResolver extends BackingServiceResolver {
  protected readonly recipe = mysqlRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
