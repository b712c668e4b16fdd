// Reads an AdmissionReview from a request body, refusing anything the API server would not send.
import type { AdmissionRequest, AdmissionResponse, AdmissionReview } from '../admission-review.js';

/** What a body turned out to be: a request to answer, or why it cannot be one. */
export type DecodedReview = { readonly request: AdmissionRequest } | { readonly problem: string };

/** Parses `body` as an `admission.k8s.io/v1` `AdmissionReview` carrying a request with a uid and an operation. */
export function decodeReview(body: string): DecodedReview {
  let review: Partial<AdmissionReview>;
  try {
    review = JSON.parse(body) as Partial<AdmissionReview>;
  } catch (err) {
    return { problem: `the body is not JSON: ${(err as Error).message}` };
  }
  if (typeof review !== 'object' || review === null) return { problem: 'the body is not an object' };
  if (review.apiVersion !== 'admission.k8s.io/v1' || review.kind !== 'AdmissionReview') {
    return {
      problem: `expected an admission.k8s.io/v1 AdmissionReview, got ${String(review.apiVersion)} ${String(review.kind)}; list only "v1" in admissionReviewVersions`,
    };
  }
  const request = review.request;
  if (typeof request?.uid !== 'string' || request.uid === '')
    return { problem: 'the AdmissionReview has no request.uid' };
  if (typeof request.operation !== 'string')
    return { problem: 'the AdmissionReview has no request.operation' };
  return { request };
}

/** The body sent back: the same envelope with `response`. */
export function encodeReview(response: AdmissionResponse): string {
  const review: AdmissionReview = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
  return JSON.stringify(review);
}
