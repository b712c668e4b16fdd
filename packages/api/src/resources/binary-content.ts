/**
 * What `binaryContent` holds: standard base64 (RFC 4648 section 4: `A-Z a-z 0-9 + /`, padded with `=` to
 * a multiple of 4 characters, no line breaks), as Score means it (score-k8s decodes it with Go's
 * `base64.StdEncoding`) and as a ConfigMap's `binaryData` stores it.
 *
 * A `pattern`, not `format: byte`: on an object that also carries a CEL rule, the API server decodes a
 * `format: byte` string as URL-safe base64 and refuses `+` and `/` (kubernetes/kube-openapi#633), while
 * the offline validator would accept them. A pattern means the same to both, in Go's RE2 and in JavaScript.
 */
export const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
