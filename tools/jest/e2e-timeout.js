// Whole-cluster tests start five binaries and wait for pods: give them more room still.
import { jest } from '@jest/globals';

jest.setTimeout(300_000);
