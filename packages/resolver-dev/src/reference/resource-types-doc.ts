// Renders docs/platform/resource-types.md's generated part from the resolvers' `@Resolver` declarations,
// side by side with score-k8s's and score-compose's default provisioners.
import { readResolverOptions, type ResolverOptions } from '@score-orchestrator/api';
import { scoreCompose, scoreK8s, type UpstreamImplementation } from './upstream-resource-types.js';

/** The markers around the generated part of the page. */
export const generatedBegin =
  '<!-- resource-types:begin (generated from the @Resolver declarations; UPDATE_GOLDEN=1 rewrites it) -->';
export const generatedEnd = '<!-- resource-types:end -->';

const upstreams: readonly UpstreamImplementation[] = [scoreK8s, scoreCompose];

/** How an output is given: `secret` (a Secret reference), `plain`, or `—` (not given). */
type Exposure = 'secret' | 'plain' | '—';

function code(text: string): string {
  return `\`${text}\``;
}

/** `a, **b**` with secret outputs in bold. */
function outputList(names: readonly string[], secret: (name: string) => boolean): string {
  if (names.length === 0) return '—';
  return names.map((n) => (secret(n) ? `**${n}**` : n)).join(', ');
}

function upstreamExposure(upstream: UpstreamImplementation, type: string, output: string): Exposure {
  const declared = upstream.types[type];
  if (!declared?.outputs.includes(output)) return '—';
  return declared.secretOutputs.includes(output) ? 'secret' : 'plain';
}

function upstreamOutputsCell(upstream: UpstreamImplementation, type: string): string {
  const declared = upstream.types[type];
  if (!declared) return 'no default';
  if (declared.dynamicOutputs) return `any key`;
  return outputList(declared.outputs, (n) => declared.secretOutputs.includes(n));
}

/** The generated part of docs/platform/resource-types.md (between the markers, markers included). */
export function renderResourceTypes(resolvers: readonly object[]): string {
  const all = resolvers.map((cls) => {
    const options = readResolverOptions(cls);
    if (!options) throw new Error(`failed to render resource types: ${String(cls)} has no @Resolver`);
    return options;
  });
  const lines: string[] = [generatedBegin, ''];
  lines.push(
    `Outputs in **bold** are secret: workloads get them as Secret references. Upstream: score-k8s ${scoreK8s.version}`,
    `(\`${scoreK8s.file}\`), score-compose ${scoreCompose.version} (\`${scoreCompose.file}\`).`,
    '',
    `| type | resolver | params | outputs | score-k8s ${scoreK8s.version} | score-compose ${scoreCompose.version} |`,
    '|---|---|---|---|---|---|',
  );
  for (const o of all) {
    const params = (o.params ?? []).map((p) => (p.required ? `${p.name} (required)` : p.name)).join(', ');
    const outputs = (o.outputs ?? [])
      .map((out) => (out.dynamic ? code(out.name) : out.name))
      .map((name, i) => (o.outputs?.[i]?.secret ? `**${name}**` : name))
      .join(', ');
    lines.push(
      `| ${code(o.type)} | ${code(o.name)} | ${params || '—'} | ${outputs || '—'} | ${upstreamOutputsCell(scoreK8s, o.type)} | ${upstreamOutputsCell(scoreCompose, o.type)} |`,
    );
  }
  lines.push('', '### Where the outputs differ', '');
  for (const o of all) lines.push(...differences(o));
  lines.push('');
  for (const o of all) lines.push(...typeSection(o));
  lines.push(generatedEnd);
  return `${lines.join('\n')}\n`;
}

/** One bullet per upstream whose output names (or secrecy) differ from the resolver's. */
function differences(o: ResolverOptions): string[] {
  const ours = (o.outputs ?? []).filter((out) => !out.dynamic);
  const out: string[] = [];
  for (const upstream of upstreams) {
    const declared = upstream.types[o.type];
    if (!declared) {
      out.push(`- ${code(o.type)}: ${upstream.name} has no default provisioner for it.`);
      continue;
    }
    if (declared.dynamicOutputs || ours.length !== (o.outputs ?? []).length) continue;
    const names = ours.map((x) => x.name);
    const onlyHere = names.filter((n) => !declared.outputs.includes(n));
    const missing = declared.outputs.filter((n) => !names.includes(n));
    const parts: string[] = [];
    if (onlyHere.length > 0) parts.push(`also outputs ${onlyHere.map(code).join(', ')}`);
    if (missing.length > 0) parts.push(`does not output ${missing.map(code).join(', ')}`);
    if (upstream === scoreK8s) {
      const secretHere = ours.filter((x) => x.secret && declared.outputs.includes(x.name)).map((x) => x.name);
      const plainThere = secretHere.filter((n) => !declared.secretOutputs.includes(n));
      if (plainThere.length > 0)
        parts.push(`keeps ${plainThere.map(code).join(', ')} secret (${upstream.name}: plain text)`);
    }
    if (parts.length > 0) out.push(`- ${code(o.type)} vs ${upstream.name}: ${parts.join('; ')}.`);
  }
  return out;
}

function typeSection(o: ResolverOptions): string[] {
  const lines = [
    `### ${code(o.type)}`,
    '',
    `${capitalise(o.description ?? '')} (resolver ${code(o.name)}).`,
    '',
  ];
  const heads = `| here | ${upstreams.map((u) => u.name).join(' | ')} | meaning |`;
  const params = o.params ?? [];
  const upstreamParams = upstreams.flatMap((u) => u.types[o.type]?.params ?? []);
  const paramNames = [...new Set([...params.map((p) => p.name), ...upstreamParams])];
  if (paramNames.length > 0) {
    lines.push(`| param ${heads}`, '|---|---|---|---|---|');
    for (const name of paramNames) {
      const here = params.find((p) => p.name === name);
      const cells = upstreams.map((u) => (u.types[o.type]?.params.includes(name) ? 'yes' : '—'));
      const ours = here ? (here.required ? 'required' : 'optional') : '—';
      lines.push(`| ${code(name)} | ${ours} | ${cells.join(' | ')} | ${here?.description ?? ''} |`);
    }
    lines.push('');
  } else {
    lines.push('No params.', '');
  }
  const outputs = o.outputs ?? [];
  const upstreamOutputs = upstreams.flatMap((u) => u.types[o.type]?.outputs ?? []);
  const outputNames = [...new Set([...outputs.map((x) => x.name), ...upstreamOutputs])];
  lines.push(`| output ${heads}`, '|---|---|---|---|---|');
  for (const name of outputNames) {
    const here = outputs.find((x) => x.name === name);
    const ours: Exposure = here ? (here.secret ? 'secret' : 'plain') : '—';
    const cells = upstreams.map((u) =>
      here?.dynamic && u.types[o.type]?.dynamicOutputs ? 'any key' : upstreamExposure(u, o.type, name),
    );
    lines.push(`| ${code(name)} | ${ours} | ${cells.join(' | ')} | ${here?.description ?? ''} |`);
  }
  lines.push('');
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
