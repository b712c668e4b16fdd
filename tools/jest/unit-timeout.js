// Unit tests are fast, but a fresh clone transforms every source on first import: on a loaded 2-core CI
// machine a test's first dynamic import has taken over 5 s (jest's default). The timeout only guards
// against hangs, so give it room; durations are measured in benchmarks, never by timeouts.
import { jest } from '@jest/globals';

jest.setTimeout(30_000);
