import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { secretEnvVars } from '../manifests/backing-service.manifests.js';
import { databaseIdentifier } from '../naming/backing-names.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 1433;
/** The administrator login, as score-k8s and score-compose. */
const username = 'sa';
const sqlcmd = '/opt/mssql-tools18/bin/sqlcmd';
// -C trusts the server's self-signed certificate; -b fails on SQL errors. The password comes from the env.
const sqlcmdArgs = `-C -b -S 127.0.0.1 -U ${username} -P "$MSSQL_SA_PASSWORD"`;

/**
 * SQL Server's password policy: at least 8 characters from three of upper case, lower case, digits and
 * symbols. Generated credentials are alphanumeric, so they must hold all three of those.
 */
export function meetsSqlServerPasswordPolicy(value: string): boolean {
  return value.length >= 8 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value);
}

/** The connection string score-k8s outputs, trusting the dev server's self-signed certificate. */
export function mssqlConnectionString(server: string, database: string, password: string): string {
  return `Server=tcp:${server},${port};Initial Catalog=${database};User ID=${username};Password=${password};TrustServerCertificate=True`;
}

/**
 * A dedicated SQL Server (Developer edition; the platform accepts Microsoft's EULA by using it) per claim,
 * with one database named after the claim. A sidecar creates the database and only then reports ready, so
 * the claim binds once it exists.
 */
export const mssqlRecipe: BackingServiceRecipe = {
  component: 'mssql',
  prefix: 'mssql',
  credentials: [{ key: 'password', accept: meetsSqlServerPasswordPolicy }],
  spec: ({ request, name, credentials, settings }) => {
    const password = { MSSQL_SA_PASSWORD: 'password' };
    const database = databaseIdentifier(request.claimName);
    return {
      component: 'mssql',
      name,
      image: settings.images.mssql,
      ports: [{ name: 'mssql', port }],
      dataPath: '/var/opt/mssql',
      // The server runs as mssql (uid 10001, group root) and writes its system databases there.
      dataOwner: '10001:0',
      secretData: { password: credentials.password },
      env: [
        { name: 'ACCEPT_EULA', value: 'Y' },
        { name: 'MSSQL_PID', value: 'Developer' },
      ],
      secretEnv: password,
      readinessProbe: {
        exec: { command: ['/bin/sh', '-c', `${sqlcmd} ${sqlcmdArgs} -Q "SELECT 1" -o /dev/null`] },
        periodSeconds: 5,
        timeoutSeconds: 5,
      },
      sidecars: [
        {
          name: 'create-database',
          image: settings.images.mssql,
          env: [...secretEnvVars(name, password), { name: 'DATABASE', value: database }],
          command: [
            '/bin/sh',
            '-c',
            `until ${sqlcmd} ${sqlcmdArgs} -Q "IF DB_ID('$DATABASE') IS NULL CREATE DATABASE [$DATABASE]"; do sleep 2; done; touch /tmp/ready; while true; do sleep 3600; done`,
          ],
          readinessProbe: { exec: { command: ['/bin/sh', '-c', 'test -f /tmp/ready'] }, periodSeconds: 3 },
        },
      ],
    };
  },
  outputs: ({ request, name, credentials }) => {
    const database = databaseIdentifier(request.claimName);
    return {
      outputs: { server: name, port, database, username },
      secretOutputs: {
        password: credentials.password,
        // Holds the password, so it is a secret output too.
        connection: mssqlConnectionString(name, database, credentials.password),
      },
    };
  },
};

/** `mssql`: outputs server, port, database, username and (secret) password and connection, as score-k8s. */
@Resolver({
  name: 'dev-mssql',
  type: 'mssql',
  owns: backingServiceKinds,
  description: 'a SQL Server (Developer edition) per claim, with one database named after the claim',
  outputs: [
    { name: 'server', description: 'the Service name' },
    { name: 'port', description: '1433' },
    { name: 'database', description: 'named after the claim (`web-db` -> `web_db`)' },
    { name: 'username', description: '`sa`' },
    { name: 'password', secret: true },
    {
      name: 'connection',
      secret: true,
      description:
        '`Server=tcp:<server>,1433;Initial Catalog=<database>;User ID=sa;Password=<password>;TrustServerCertificate=True`',
    },
  ],
})
export class MssqlResolver extends BackingServiceResolver {
  protected readonly recipe = mssqlRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
