// The apiextensions.k8s.io/v1 ConversionReview wire types: what the API server sends a conversion webhook and
// what it expects back.
import type { KubernetesObject } from '@kubernetes/client-node';

/** The `request` of a `ConversionReview`: objects to convert to one version. */
export interface ConversionRequest {
  /** Identifies this call; the response must echo it. */
  readonly uid: string;
  /** The version every object must come back in, e.g. `webhooks.example.dev/v2`. */
  readonly desiredAPIVersion: string;
  readonly objects: readonly KubernetesObject[];
}

/** `Success`, or `Failure` with a message the API server passes on to its client. */
export interface ConversionResult {
  readonly status: 'Success' | 'Failure';
  readonly message?: string;
}

/** The `response` of a `ConversionReview`: every object converted, in the order sent, or a failure. */
export interface ConversionResponse {
  readonly uid: string;
  readonly convertedObjects: readonly KubernetesObject[];
  readonly result: ConversionResult;
}

/** The envelope both ways: `request` from the API server, `response` back. */
export interface ConversionReview {
  readonly apiVersion: 'apiextensions.k8s.io/v1';
  readonly kind: 'ConversionReview';
  readonly request?: ConversionRequest;
  readonly response?: ConversionResponse;
}
