import { PLATFORM_CONFIG_API_VERSION, PLATFORM_CONFIG_KIND } from '@score-orchestrator/orchestrator';

/** The plugin packages that ship with the CLI: dev-grade resolvers and the Kubernetes runtime. */
export const BUILTIN_PLUGIN_PACKAGES: readonly string[] = [
  '@score-orchestrator/resolver-dev',
  '@score-orchestrator/runtime-kubernetes',
];

/** The platform config `dev` runs with when none is given: the built-in plugins, every default. */
export function devPlatformConfig(): string {
  return [
    `apiVersion: ${PLATFORM_CONFIG_API_VERSION}`,
    `kind: ${PLATFORM_CONFIG_KIND}`,
    'plugins:',
    ...BUILTIN_PLUGIN_PACKAGES.map((name) => `  - '${name}'`),
    '',
  ].join('\n');
}
