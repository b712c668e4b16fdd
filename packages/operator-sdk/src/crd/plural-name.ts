// English plural rules for a kind, matching what `kubebuilder` and `kubectl` guess for a CRD.

const SIBILANT_ENDINGS = ['s', 'x', 'z', 'ch', 'sh'];

/**
 * The lower-case plural of a kind: `Widget` → `widgets`, `Ingress` → `ingresses`,
 * `Policy` → `policies`, `Gateway` → `gateways`. Irregular nouns need an explicit `plural`.
 */
export function pluralNameOf(kind: string): string {
  const singular = kind.toLowerCase();
  if (SIBILANT_ENDINGS.some((ending) => singular.endsWith(ending))) return `${singular}es`;
  // `y` after a consonant becomes `ies`; after a vowel (`gateway`) it just takes an `s`.
  if (/[^aeiou]y$/.test(singular)) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}
