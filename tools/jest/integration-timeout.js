// Tests against a real control plane start processes and wait for convergence: give them room.
import { jest } from '@jest/globals';

jest.setTimeout(120_000);
