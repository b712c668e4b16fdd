import { parseAllDocuments } from 'yaml';
import { ScoreApiError } from '../errors/api.error.js';
import { readScoreFile } from './read-score-file.js';
import type { ScoreFile } from './score-workload.js';

/**
 * Parses Score file YAML (one document, YAML 1.2 core schema, duplicate keys rejected) and checks it
 * with `readScoreFile`. YAML 1.2 reads an unquoted `0644` as the number 644, so file modes must be quoted.
 *
 * @throws ScoreApiError kind `Conversion` for unreadable YAML (with line and column) or several
 *   documents; kind `Validation` for a file that breaks the Score schema.
 */
export function parseScoreFile(yamlText: string): ScoreFile {
  return readScoreFile(decodeYaml(yamlText));
}

/** Decodes exactly one YAML document to plain data. */
export function decodeYaml(yamlText: string): unknown {
  const documents = parseAllDocuments(yamlText, { uniqueKeys: true, prettyErrors: true });
  if (!Array.isArray(documents)) return undefined; // only comments or empty text
  const [first, ...rest] = documents;
  if (rest.length > 0)
    throw new ScoreApiError('Conversion', 'failed to parse Score file: expected one YAML document');
  if (first === undefined) return undefined;
  const [error] = first.errors;
  if (error !== undefined) {
    throw new ScoreApiError('Conversion', `failed to parse Score file: ${error.message}`, { cause: error });
  }
  return first.toJS({ maxAliasCount: 100 });
}
