import { describe, expect, it } from '@jest/globals';
import { benchImportCost } from './import-cost.js';

describe('benchImportCost', () => {
  it('reports RSS and heap used of a fresh child per module, well above bare node for client-node', async () => {
    const results = await benchImportCost({
      targets: [
        { label: 'bare node', specifier: '' },
        { label: 'client-node', specifier: '@kubernetes/client-node' },
      ],
      runs: 1,
    });
    const figure = (name: string): number => results.find((r) => r.name === name)!.median;
    expect(results.map((r) => [r.name, r.unit, r.extra?.node])).toEqual([
      ['import bare node: RSS', 'MiB', process.version],
      ['import bare node: heap used', 'MiB', process.version],
      ['import client-node: RSS', 'MiB', process.version],
      ['import client-node: heap used', 'MiB', process.version],
    ]);
    expect(figure('import bare node: RSS')).toBeGreaterThan(10);
    // client-node's generated client: tens of MiB, which is why the runtime path never imports it.
    expect(figure('import client-node: RSS') - figure('import bare node: RSS')).toBeGreaterThan(30);
    expect(figure('import client-node: heap used') - figure('import bare node: heap used')).toBeGreaterThan(
      10,
    );
  }, 60_000);

  it('fails, naming the module, when a target cannot be imported', async () => {
    await expect(
      benchImportCost({ targets: [{ label: 'missing', specifier: '/nonexistent/module.js' }], runs: 1 }),
    ).rejects.toThrow(/nonexistent\/module\.js/);
  });
});
