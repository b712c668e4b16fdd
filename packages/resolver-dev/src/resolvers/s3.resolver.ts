import { inject, optional } from 'inversify';
import { Resolver } from '@score-orchestrator/api';
import { secretEnvVars } from '../manifests/backing-service.manifests.js';
import { backingName } from '../naming/backing-names.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 9000;
const region = 'us-east-1';

/**
 * A dedicated MinIO server per claim whose root credentials are the claim's access key, with one bucket
 * named after the claim. A sidecar creates the bucket and only then reports ready, so the claim binds once
 * the bucket exists.
 */
export const s3Recipe: BackingServiceRecipe = {
  component: 'minio',
  prefix: 'minio',
  credentials: [
    { key: 'access_key_id', length: 20 },
    { key: 'secret_key', length: 40 },
  ],
  spec: ({ request, name, credentials, settings }) => {
    const rootCredentials = { MINIO_ROOT_USER: 'access_key_id', MINIO_ROOT_PASSWORD: 'secret_key' };
    return {
      component: 'minio',
      name,
      image: settings.images.minio,
      ports: [
        { name: 's3', port },
        { name: 'console', port: 9001 },
      ],
      dataPath: '/data',
      secretData: { access_key_id: credentials.access_key_id, secret_key: credentials.secret_key },
      args: ['server', '/data', '--console-address', ':9001'],
      secretEnv: rootCredentials,
      readinessProbe: { httpGet: { path: '/minio/health/ready', port: 's3' }, periodSeconds: 3 },
      sidecars: [
        {
          name: 'create-bucket',
          image: settings.images.minioClient,
          env: [
            ...secretEnvVars(name, rootCredentials),
            // Kubernetes expands $(VAR) from the env vars above: the spec holds references, not values.
            {
              name: 'MC_HOST_local',
              value: `http://$(MINIO_ROOT_USER):$(MINIO_ROOT_PASSWORD)@127.0.0.1:${port}`,
            },
            { name: 'BUCKET', value: bucketName(request.claimName) },
          ],
          command: [
            '/bin/sh',
            '-c',
            'until mc mb --ignore-existing "local/$BUCKET"; do sleep 2; done; touch /tmp/ready; while true; do sleep 3600; done',
          ],
          readinessProbe: { exec: { command: ['/bin/sh', '-c', 'test -f /tmp/ready'] }, periodSeconds: 3 },
        },
      ],
    };
  },
  outputs: ({ request, name, credentials }) => ({
    outputs: {
      endpoint: `http://${name}:${port}`,
      region,
      bucket: bucketName(request.claimName),
      access_key_id: credentials.access_key_id,
      // For compatibility with Humanitec's s3 resource, as score-k8s.
      aws_access_key_id: credentials.access_key_id,
    },
    secretOutputs: { secret_key: credentials.secret_key, aws_secret_key: credentials.secret_key },
  }),
};

/** S3 bucket names: 3-63 lower-case letters, digits and `-`. */
function bucketName(claimName: string): string {
  return backingName('bucket', claimName, 63);
}

/** `s3` (MinIO): outputs endpoint, region, bucket, access_key_id, aws_access_key_id and (secret) secret_key and aws_secret_key, as score-k8s. */
@Resolver({
  name: 'dev-s3',
  type: 's3',
  owns: backingServiceKinds,
  description: 'a MinIO server per claim, with one bucket named after the claim',
  outputs: [
    { name: 'endpoint', description: '`http://<Service>:9000`' },
    { name: 'region', description: '`us-east-1`' },
    { name: 'bucket', description: 'named after the claim' },
    { name: 'access_key_id' },
    { name: 'aws_access_key_id', description: 'same as `access_key_id`' },
    { name: 'secret_key', secret: true },
    { name: 'aws_secret_key', secret: true, description: 'same as `secret_key`' },
  ],
})
export class S3Resolver extends BackingServiceResolver {
  protected readonly recipe = s3Recipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
