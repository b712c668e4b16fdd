// What score-k8s's and score-compose's default provisioners declare, per resource type: the reference the
// dev resolvers' output names follow. Read from their provisioner files; refresh when they release.

/** One resource type of an upstream default provisioner file. */
export interface UpstreamResourceType {
  /** `supported_params`. */
  readonly params: readonly string[];
  /** `expected_outputs`, in the file's order. */
  readonly outputs: readonly string[];
  /** Outputs given as Secret references (score-k8s's `encodeSecretRef`); the rest are plain text. */
  readonly secretOutputs: readonly string[];
  /** Outputs decided at provision time rather than declared, described. */
  readonly dynamicOutputs?: string;
}

/** An upstream implementation and the file its default provisioners were read from. */
export interface UpstreamImplementation {
  readonly name: string;
  readonly version: string;
  readonly commit: string;
  readonly file: string;
  readonly types: Readonly<Record<string, UpstreamResourceType>>;
}

interface TypeOptions {
  readonly params?: readonly string[];
  readonly secret?: readonly string[];
  readonly dynamic?: string;
}

function type(
  outputs: readonly string[],
  { params = [], secret = [], dynamic }: TypeOptions = {},
): UpstreamResourceType {
  return { params, outputs, secretOutputs: secret, ...(dynamic && { dynamicOutputs: dynamic }) };
}

const db = ['host', 'port', 'name', 'database', 'username', 'password'];
const instance = ['host', 'port', 'username', 'password'];
const mssql = ['server', 'port', 'connection', 'database', 'username', 'password'];
const s3 = [
  'bucket',
  'access_key_id',
  'secret_key',
  'endpoint',
  'region',
  'aws_access_key_id',
  'aws_secret_key',
];
const kafka = ['host', 'port', 'name', 'num_partitions'];

/** score-k8s `internal/provisioners/default/zz-default.provisioners.yaml`. */
export const scoreK8s: UpstreamImplementation = {
  name: 'score-k8s',
  version: '0.15.0',
  commit: 'b375b9516b1be0244afe516b813cfbb2a3061626',
  file: 'internal/provisioners/default/zz-default.provisioners.yaml',
  types: {
    postgres: type(db, { secret: ['password'] }),
    'postgres-instance': type(instance, { secret: ['password'] }),
    mysql: type(db, { secret: ['password'] }),
    mssql: type(mssql, { secret: ['connection', 'password'] }),
    redis: type(instance, { secret: ['password'] }),
    mongodb: type(['host', 'port', 'username', 'password', 'connection'], { secret: ['password'] }),
    amqp: type(['host', 'port', 'vhost', 'username', 'password']),
    s3: type(s3, { secret: ['secret_key', 'aws_secret_key'] }),
    'kafka-topic': type(kafka),
    volume: type(['source']),
    dns: type(['host']),
    route: type([], { params: ['host', 'port', 'path'] }),
    'service-port': type(['hostname', 'port'], { params: ['workload', 'port'] }),
  },
};

/**
 * score-compose `internal/command/default.provisioners.yaml` (`environment`: `local-env://`,
 * `internal/provisioners/envprov`, which declares no outputs: any key is an environment variable).
 */
export const scoreCompose: UpstreamImplementation = {
  name: 'score-compose',
  version: '0.45.0',
  commit: '8296be5a5de60d9f8c66ea09d8095e6f1213c1c4',
  file: 'internal/command/default.provisioners.yaml',
  types: {
    postgres: type(db),
    'postgres-instance': type(instance),
    mysql: type(db),
    mssql: type(mssql),
    redis: type(instance),
    mongodb: type(['host', 'port', 'username', 'password', 'connection']),
    amqp: type(['host', 'port', 'vhost', 'username', 'password']),
    s3: type(s3),
    'kafka-topic': type(kafka),
    elasticsearch: type(instance),
    volume: type(['source', 'type']),
    dns: type(['host']),
    route: type([], { params: ['host', 'port', 'path'] }),
    'service-port': type(['hostname', 'port'], { params: ['workload', 'port'] }),
    environment: type([], {
      dynamic: 'any key: the variable of that name in the shell running `docker compose`',
    }),
  },
};
