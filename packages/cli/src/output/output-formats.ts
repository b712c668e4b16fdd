// The names of the `--output` formats, apart from their rendering so that parsing flags loads no YAML library.

/** The `--output` formats: `text` for people, `json` and `yaml` for scripts. */
export type OutputFormat = 'text' | 'json' | 'yaml';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'yaml'];
