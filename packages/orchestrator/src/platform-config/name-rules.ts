// Rules for names in the platform config, shared by the section readers.

/** A Kubernetes DNS label (profile, policy, rule and patch template names). */
export const dnsLabel = {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  notBlank: true,
  expected: "a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit",
  maxLength: 63,
};

/** Free text (descriptions, templates, CEL rules): present means not blank. */
export const text = { notBlank: true };
