// Reads AdmissionReviews (and the envelope of ConversionReviews) from request bodies, refusing anything the API
// server would not send.
import type { AdmissionRequest, AdmissionResponse, AdmissionReview } from '../admission-review.js';

/** What a body turned out to be: a request to answer, or why it cannot be one. */
export type DecodedReview = { readonly request: AdmissionRequest } | { readonly problem: string };

/** Parses `body` as an `admission.k8s.io/v1` `AdmissionReview` carrying a request with a uid and an operation. */
export function decodeReview(body: string): DecodedReview {
  const parsed = parseEnvelope<AdmissionReview>(
    body,
    'admission.k8s.io/v1',
    'AdmissionReview',
    'admissionReviewVersions',
  );
  if ('problem' in parsed) return parsed;
  const { review } = parsed;
  const request = review.request;
  if (typeof request?.uid !== 'string' || request.uid === '')
    return { problem: 'the AdmissionReview has no request.uid' };
  if (typeof request.operation !== 'string')
    return { problem: 'the AdmissionReview has no request.operation' };
  return { request };
}

/**
 * Parses `body` as a review envelope of `apiVersion` and `kind` (admission or conversion), or says why it is
 * not one; `versionsField` is the setting that picks the version the API server sends.
 */
export function parseEnvelope<T>(
  body: string,
  apiVersion: string,
  kind: string,
  versionsField: string,
): { readonly review: Partial<T> } | { readonly problem: string } {
  let review: { apiVersion?: unknown; kind?: unknown };
  try {
    review = JSON.parse(body) as typeof review;
  } catch (err) {
    return { problem: `the body is not JSON: ${(err as Error).message}` };
  }
  if (typeof review !== 'object' || review === null) return { problem: 'the body is not an object' };
  if (review.apiVersion !== apiVersion || review.kind !== kind) {
    return {
      problem: `expected an ${apiVersion} ${kind}, got ${String(review.apiVersion)} ${String(review.kind)}; list only "v1" in ${versionsField}`,
    };
  }
  return { review: review as Partial<T> };
}

/** The body sent back: the same envelope with `response`. */
export function encodeReview(response: AdmissionResponse): string {
  const review: AdmissionReview = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
  return JSON.stringify(review);
}
