import { isIP } from 'node:net';

// The string formats kube-apiserver checks (kube-openapi strfmt.Default), approximated in JavaScript.
// Patterns are copied from strfmt where it has them; email and URI parsing mimic Go's net/mail and net/url
// on common inputs only.

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HOSTNAME =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const CHECKS: Record<string, (value: string) => boolean> = {
  uuid: (v) => UUID.test(v),
  uuid3: (v) => UUID.test(v) && v.replaceAll('-', '')[12] === '3',
  uuid4: (v) =>
    UUID.test(v) && v.replaceAll('-', '')[12] === '4' && /[89ab]/i.test(v.replaceAll('-', '')[16]!),
  uuid5: (v) =>
    UUID.test(v) && v.replaceAll('-', '')[12] === '5' && /[89ab]/i.test(v.replaceAll('-', '')[16]!),
  email: (v) => /^[^\s@<>()]+@[^\s@<>()]+$/.test(v),
  hostname: (v) => HOSTNAME.test(v) && v.length <= 255,
  ipv4: (v) => isIP(v) === 4,
  ipv6: (v) => isIP(v) === 6,
  cidr: (v) => {
    const [ip, bits, extra] = v.split('/');
    const family = isIP(ip ?? '');
    const max = family === 4 ? 32 : 128;
    return family !== 0 && extra === undefined && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= max;
  },
  mac: (v) => /^([0-9a-f]{2}[:-]){5}([0-9a-f]{2})$/i.test(v) || /^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i.test(v),
  byte: (v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0,
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  datetime: (v) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) &&
    !Number.isNaN(Date.parse(v)),
  duration: (v) =>
    /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w)\s*)+$/.test(v) || /^\d+\s*(ns|us|ms|s|m|h|d|w)[a-z]*$/.test(v),
  uri: (v) => /^([a-zA-Z][a-zA-Z0-9+.-]*:|\/)\S*$/.test(v),
  k8sshortname: (v) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) && v.length <= 63,
  k8slongname: (v) =>
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v) && v.length <= 253,
  hexcolor: (v) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v),
  password: () => true,
};

/** Whether `value` is a valid `format`; formats we do not check (isbn, ssn, credit card…) pass. */
export function checkFormat(format: string, value: string): boolean {
  const check = CHECKS[format.replaceAll('-', '')];
  return check ? check(value) : true;
}
