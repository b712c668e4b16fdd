// Wires the greeting operator: one container, one controller, one manager.
// #region operator
import type { KubeConfig } from '@kubernetes/client-node';
import { Manager, Tokens, type Logger, type ManagerOptions } from '@score-orchestrator/operator-sdk';
import { Container } from 'inversify';
import { GreetingController } from './greeting.controller.js';

/** Settings of {@link createGreetingOperator}; everything else has a production default. */
export interface GreetingOperatorOptions {
  kubeConfig?: KubeConfig;
  logger?: Logger;
  probePort?: number | false;
  leaderElection?: ManagerOptions['leaderElection'];
}

/** Builds the operator's manager; call `start()` / `stop()` or `runUntilSignal()` on it. */
export function createGreetingOperator(options: GreetingOperatorOptions = {}): Manager {
  const container = new Container();
  container.bind(Tokens.Controller).to(GreetingController).inSingletonScope();
  return Manager.create({ container, name: 'greeting-operator', ...options });
}
// #endregion operator
