/**
 * CIDR parsing and canonical forms. EC2 stores CIDRs canonically (host bits zeroed, IPv6 in
 * RFC 5952 form) and treats a non-canonical duplicate as the same rule, so comparisons must too.
 */

export type IpFamily = 'ipv4' | 'ipv6';

export interface Cidr {
  readonly family: IpFamily;
  /** Canonical text: host bits zeroed, IPv6 lower-case and compressed per RFC 5952. */
  readonly canonical: string;
  /** True when the input already was the canonical text. */
  readonly wasCanonical: boolean;
}

/** Parses an IPv4 or IPv6 CIDR; undefined when the text is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash !== text.lastIndexOf('/')) return undefined;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const canonical = address.includes(':') ? canonicalIpv6(address, prefix) : canonicalIpv4(address, prefix);
  if (canonical === undefined) return undefined;
  return { family: address.includes(':') ? 'ipv6' : 'ipv4', canonical, wasCanonical: canonical === text };
}

function canonicalIpv4(address: string, prefix: number): string | undefined {
  if (prefix > 32) return undefined;
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) {
    return undefined;
  }
  const value = parts.reduce((acc, p) => acc * 256 + Number(p), 0);
  const size = 2 ** (32 - prefix);
  const network = value - (value % size);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

function canonicalIpv6(address: string, prefix: number): string | undefined {
  if (prefix > 128) return undefined;
  const groups = parseIpv6Groups(address.toLowerCase());
  if (groups === undefined) return undefined;
  const masked = groups.map((group, i) => {
    const bitsKept = Math.min(16, Math.max(0, prefix - i * 16));
    return bitsKept === 0 ? 0 : group & (0xffff << (16 - bitsKept)) & 0xffff;
  });
  return `${formatIpv6(masked)}/${prefix}`;
}

function parseIpv6Groups(address: string): number[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parseHalf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const parts = half.split(':');
    if (!parts.every((p) => /^[0-9a-f]{1,4}$/.test(p))) return undefined;
    return parts.map((p) => parseInt(p, 16));
  };
  const head = parseHalf(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHalf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** RFC 5952: lower-case, no leading zeros, the longest run (>= 2) of zero groups as `::`. */
function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
