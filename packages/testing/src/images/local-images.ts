import type { ImageConfig } from './image-archive.js';
import type { RootfsRecipe } from './rootfs-recipes.js';

/** The images a real-node LocalCluster can load without a registry. */
export type LocalImageName = 'pause' | 'busybox' | 'nginx' | 'nginx-unprivileged' | 'postgres' | 'redis';

/** One image: its tags (the exact references manifests use), runtime settings and how it is built. */
export interface LocalImageSpec {
  readonly name: LocalImageName;
  /** Full references; containerd finds the image under each, so `imagePullPolicy: IfNotPresent` never pulls. */
  readonly tags: readonly string[];
  readonly config: ImageConfig;
  readonly recipe: RootfsRecipe;
}

const path = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const postgresBin = '/usr/lib/postgresql/15/bin';

/**
 * The nginx images from Debian's nginx-light: the official images' layout (configuration in /etc/nginx with
 * servers from conf.d/, the default page in /usr/share/nginx/html, logs to the container's output, the
 * nginx account with uid 101, /docker-entrypoint.sh running /docker-entrypoint.d/). The unprivileged one
 * runs as 101 on port 8080 with its pid and temporary files in /tmp, as nginxinc/nginx-unprivileged does.
 */
function nginxImage(unprivileged: boolean): LocalImageSpec {
  const port = unprivileged ? 8080 : 80;
  return {
    name: unprivileged ? 'nginx-unprivileged' : 'nginx',
    // The references the examples (examples/hello, before) and the SDK snippets use.
    tags: [
      unprivileged ? 'docker.io/nginxinc/nginx-unprivileged:1.27-alpine' : 'docker.io/library/nginx:1.27',
    ],
    config: {
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      Env: [`PATH=${path}`],
      ...(unprivileged ? { User: '101' } : {}),
      ExposedPorts: { [`${port}/tcp`]: {} },
      StopSignal: 'SIGQUIT',
    },
    recipe: {
      kind: 'debian',
      suite: 'bookworm',
      packages: ['nginx-light'],
      accounts: [{ name: 'nginx', id: 101, home: '/nonexistent' }],
      files: {
        'nginx-entrypoint.sh': '/docker-entrypoint.sh',
        [unprivileged ? 'nginx-unprivileged.conf' : 'nginx.conf']: '/etc/nginx/nginx.conf',
        'nginx-default.conf': '/etc/nginx/conf.d/default.conf',
      },
      // Debian's site and its copy of the page; the official layout serves /usr/share/nginx/html.
      remove: ['/etc/nginx/sites-enabled', '/etc/nginx/sites-available', '/var/www'],
      customize: [
        'mkdir -p docker-entrypoint.d var/log/nginx var/cache/nginx',
        'ln -sf /dev/stdout var/log/nginx/access.log && ln -sf /dev/stderr var/log/nginx/error.log',
        ...(unprivileged
          ? [
              `sed -i 's/listen 80;/listen ${port};/' etc/nginx/conf.d/default.conf`,
              // As the unprivileged image: uid 101 and group 0 own what nginx or its users write.
              'chown -R 101:0 var/cache/nginx etc/nginx && chmod -R g+w var/cache/nginx etc/nginx',
            ]
          : ['chown 101:101 var/cache/nginx']),
      ],
    },
  };
}

/** The pod sandbox image containerd is configured with. */
export const pauseImage = 'registry.k8s.io/pause:3.10';

/**
 * Every image, in build order. The stand-ins for the dev resolvers' images are built from Debian's packages
 * and honour the official images' contracts (environment variables, data paths, ports, the commands the
 * resolvers' readiness probes run); the server versions are Debian's (PostgreSQL 15, Redis 7).
 */
export const localImages: readonly LocalImageSpec[] = [
  {
    name: 'pause',
    tags: [pauseImage],
    config: { Entrypoint: ['/pause'] },
    recipe: { kind: 'static', compile: { source: 'pause.c', path: '/pause' } },
  },
  {
    name: 'busybox',
    tags: ['docker.io/library/busybox:1.36'],
    config: { Cmd: ['sh'], Env: [`PATH=${path}`] },
    recipe: {
      kind: 'static',
      // Debian's busybox-static: one static binary, every applet linked into /bin.
      copy: { from: '/bin/busybox', path: '/bin/busybox' },
      busyboxApplets: true,
    },
  },
  nginxImage(false),
  nginxImage(true),
  {
    name: 'postgres',
    tags: ['mirror.gcr.io/postgres:17-alpine'],
    config: {
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['postgres'],
      Env: [`PATH=${postgresBin}:${path}`, 'PGDATA=/var/lib/postgresql/data', 'LANG=C.UTF-8'],
      ExposedPorts: { '5432/tcp': {} },
      StopSignal: 'SIGINT',
    },
    recipe: {
      kind: 'debian',
      suite: 'bookworm',
      packages: ['postgresql-15'],
      accounts: [{ name: 'postgres', id: 999, home: '/var/lib/postgresql' }],
      files: { 'postgres-entrypoint.sh': '/usr/local/bin/docker-entrypoint.sh' },
      // The JIT (LLVM and its solver, a third of the size) is optional: without it queries are interpreted.
      exclude: [
        '/usr/lib/x86_64-linux-gnu/libLLVM*',
        '/usr/lib/x86_64-linux-gnu/libz3*',
        '/usr/lib/postgresql/15/lib/llvmjit*',
        '/usr/lib/postgresql/15/lib/bitcode/*',
        '/usr/lib/x86_64-linux-gnu/perl/5.36.0/CORE/*',
      ],
      // Debian's package made a cluster for the machine; the entrypoint makes one in PGDATA.
      remove: ['/var/lib/postgresql/15', '/etc/postgresql/15'],
    },
  },
  {
    name: 'redis',
    tags: ['mirror.gcr.io/redis:7-alpine'],
    config: {
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['redis-server'],
      Env: [`PATH=${path}`],
      WorkingDir: '/data',
      ExposedPorts: { '6379/tcp': {} },
    },
    recipe: {
      kind: 'debian',
      suite: 'bookworm',
      packages: ['redis-server'],
      accounts: [{ name: 'redis', id: 999, home: '/var/lib/redis' }],
      files: { 'redis-entrypoint.sh': '/usr/local/bin/docker-entrypoint.sh' },
    },
  },
];

/** The spec of one image by name. */
export function localImageSpec(name: LocalImageName): LocalImageSpec {
  const spec = localImages.find((image) => image.name === name);
  if (spec === undefined) throw new Error(`unknown local image ${name}`);
  return spec;
}
