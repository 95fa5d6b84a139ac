/**
 * The atomic ingress rule: one protocol, one port range, one source. Both the handler (live rules)
 * and the rule-parameter parser (allowed rules) produce this shape, so they compare by `ruleKey`.
 */

export type RuleSource =
  | { readonly kind: 'ipv4'; readonly cidr: string }
  | { readonly kind: 'ipv6'; readonly cidr: string }
  | { readonly kind: 'security-group'; readonly groupId: string; readonly userId?: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

export interface IngressRule {
  /** EC2 wire value: `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all traffic) or another protocol number. */
  readonly protocol: string;
  /** tcp/udp: first port; icmp: type (-1 = all); otherwise -1. */
  readonly fromPort: number;
  /** tcp/udp: last port; icmp: code (-1 = all); otherwise -1. */
  readonly toPort: number;
  readonly source: RuleSource;
}

/** Protocol numbers EC2 also accepts for the named protocols (IANA numbers). */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
  all: '-1',
};

export const ALL_PORTS = { fromPort: 0, toPort: 65535 } as const;

/** Maps protocol numbers and names to one EC2 wire value (`6` and `TCP` both become `tcp`). */
export function normalizeProtocol(protocol: string): string {
  const lower = protocol.trim().toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}

export function hasPortRange(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'udp';
}

export function isIcmp(protocol: string): boolean {
  return protocol === 'icmp' || protocol === 'icmpv6';
}

/**
 * Brings ports into the one form EC2 stores: protocols without ports get -1/-1; tcp/udp without
 * ports (or -1) mean every port; icmp with type -1 means every type and code.
 */
export function normalizePorts(
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
): { fromPort: number; toPort: number } {
  if (hasPortRange(protocol)) {
    if (fromPort === undefined || fromPort === -1) return { ...ALL_PORTS };
    return { fromPort, toPort: toPort === undefined || toPort === -1 ? ALL_PORTS.toPort : toPort };
  }
  if (isIcmp(protocol)) {
    const type = fromPort ?? -1;
    return { fromPort: type, toPort: type === -1 ? -1 : (toPort ?? -1) };
  }
  return { fromPort: -1, toPort: -1 };
}

/** A stable identity for set operations; descriptions are not part of a rule's identity. */
export function ruleKey(rule: IngressRule): string {
  return `${rule.protocol}|${rule.fromPort}|${rule.toPort}|${sourceKey(rule.source)}`;
}

function sourceKey(source: RuleSource): string {
  switch (source.kind) {
    case 'ipv4':
    case 'ipv6':
      return source.cidr;
    // Group ids are unique across accounts, so the owner id does not change which rule it is.
    case 'security-group':
      return source.groupId;
    case 'prefix-list':
      return source.prefixListId;
  }
}

/** The rule in the `allowedIngress` grammar, e.g. `tcp:443@0.0.0.0/0`; parses back to itself. */
export function formatRule(rule: IngressRule): string {
  return `${formatProtocolAndPorts(rule)}@${formatSource(rule.source)}`;
}

function formatProtocolAndPorts({ protocol, fromPort, toPort }: IngressRule): string {
  if (protocol === '-1') return 'all';
  if (hasPortRange(protocol)) {
    if (fromPort === ALL_PORTS.fromPort && toPort === ALL_PORTS.toPort) return `${protocol}:*`;
    return fromPort === toPort ? `${protocol}:${fromPort}` : `${protocol}:${fromPort}-${toPort}`;
  }
  if (isIcmp(protocol)) {
    if (fromPort === -1) return `${protocol}:*`;
    return toPort === -1 ? `${protocol}:${fromPort}` : `${protocol}:${fromPort}/${toPort}`;
  }
  // Another protocol number (e.g. 50 for ESP): it has no ports.
  return `${protocol}:*`;
}

function formatSource(source: RuleSource): string {
  switch (source.kind) {
    case 'ipv4':
    case 'ipv6':
      return source.cidr;
    case 'security-group':
      return source.userId === undefined ? source.groupId : `${source.userId}/${source.groupId}`;
    case 'prefix-list':
      return source.prefixListId;
  }
}

/** Sorts by key so every output built from a rule set is deterministic. */
export function sortRules(rules: Iterable<IngressRule>): IngressRule[] {
  return [...rules].sort((a, b) => compareStrings(ruleKey(a), ruleKey(b)));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
