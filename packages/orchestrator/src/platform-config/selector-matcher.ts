// Label selectors of the platform config (a profile's `selector`, a resolver rule's `namespaceSelector`)
// as the SDK's matcher: one place that turns the config's object form into `compileLabelSelector`'s.
import { compileLabelSelector } from '@score-orchestrator/operator-sdk';
import type { ProfileSelector } from './platform-config.js';

type LabelMatcher = ReturnType<typeof compileLabelSelector>;

// Selectors are frozen with their config; each is compiled once.
const matchers = new WeakMap<ProfileSelector, LabelMatcher>();

/**
 * The matcher of a config label selector, with the API server's semantics (requirements ANDed, `NotIn`
 * and `DoesNotExist` match objects without the label, an empty selector matches everything). Compiled
 * once per selector object.
 *
 * @throws OperatorSdkError `Validation` for a selector the API server would reject (the parser checks
 *   every selector this way, so a parsed config never throws here).
 */
export function selectorMatcher(selector: ProfileSelector): LabelMatcher {
  let matcher = matchers.get(selector);
  if (!matcher) {
    matcher = compileLabelSelector({
      ...(selector.matchLabels ? { matchLabels: { ...selector.matchLabels } } : {}),
      ...(selector.matchExpressions
        ? {
            matchExpressions: selector.matchExpressions.map((e) => ({
              ...e,
              values: e.values ? [...e.values] : undefined,
            })),
          }
        : {}),
    });
    matchers.set(selector, matcher);
  }
  return matcher;
}
