// Rules for names in the platform config, shared by the section readers.

/** A Kubernetes DNS label (profile, policy, rule and patch template names). */
export const dnsLabel = {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  patternHint: "a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit",
  maxLength: 63,
};
