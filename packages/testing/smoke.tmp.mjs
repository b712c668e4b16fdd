import { ControlPlane, LocalCluster } from './dist/index.js';
for (const [name, cls] of [['ControlPlane', ControlPlane], ['LocalCluster', LocalCluster]]) {
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now(); const c = await cls.start(); const t1 = Date.now(); await c.stop();
    console.log(name, 'start', t1 - t0, 'ms stop', Date.now() - t1, 'ms');
  }
}
