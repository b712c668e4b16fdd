import { describe, expect, it } from '@jest/globals';
import { compileTemplate } from '@score-orchestrator/api';
import { provisionerFunctions } from './score-functions.js';

describe('provisioner template functions', () => {
  // Output of score-k8s's encodeSecretRef under Go's text/template (it was a case of the api's Go fixture).
  it('encodeSecretRef writes the secret reference markers, not a value', () => {
    const template = compileTemplate('t', '{{ encodeSecretRef "sec" "password" }}', provisionerFunctions);
    expect(template.render({})).toBe('🔐💬sec_password💬🔐');
  });

  it('the api set alone does not know encodeSecretRef', () => {
    expect(() => compileTemplate('t', '{{ encodeSecretRef "a" "b" }}')).toThrow(
      /unsupported function: encodeSecretRef/,
    );
  });
});
