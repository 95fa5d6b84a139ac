/**
 * The rule parameters and the `allowedIngress` grammar. One pure parser serves the handler (Config's
 * `ruleParameters`), the templates (parameter patterns and defaults) and the deploy config, so a value
 * that passes validation anywhere means the same thing everywhere.
 *
 * Grammar: comma-separated entries `PROTO:PORTS[@SOURCE]`, or `none` for the empty set (a blank value
 * is an error everywhere: AWS Config refuses a blank rule parameter, so "" can never reach the rule).
 *   PROTO   tcp | udp | icmp | icmpv6 | all | a protocol number 0-255; a bare PORTS means tcp
 *   PORTS   443 | 8000-8100 | * (every port); icmp: TYPE | TYPE/CODE | *; `all` takes no PORTS
 *   SOURCE  IPv4 or IPv6 CIDR | sg-… | ACCOUNT/sg-… | pl-…; without it, every CIDR in allowedCidrs
 *           of the entry's IP family (icmp only IPv4, icmpv6 only IPv6)
 */
import { parseCidr } from './cidr';
import { RuleParameterError } from './errors';
import type { IngressRule, RuleSource } from './ingress-rule';
import { ALL_PORTS, hasPortRange, isIcmp, normalizeProtocol, ruleKey, sortRules } from './ingress-rule';

export const RULE_PARAMETER = {
  allowedIngress: 'allowedIngress',
  allowedCidrs: 'allowedCidrs',
  mode: 'mode',
  exemptTagKey: 'exemptTagKey',
} as const;
export type RuleParameterName = (typeof RULE_PARAMETER)[keyof typeof RULE_PARAMETER];

export const MODES = ['enforce', 'report'] as const;
export type Mode = (typeof MODES)[number];

/** The built-in default: the lab's configuration (tcp 80 and 443 from anywhere, enforced). */
export const DEFAULT_RULE_PARAMETERS: Readonly<Record<RuleParameterName, string>> = {
  allowedIngress: '80,443',
  allowedCidrs: '0.0.0.0/0,::/0',
  mode: 'enforce',
  exemptTagKey: 'sg-guardrail:exempt',
};

export interface RuleParameters {
  /** The allowed atomic rules, deduplicated and sorted by key. */
  readonly allowedIngress: readonly IngressRule[];
  readonly allowedCidrs: readonly string[];
  readonly mode: Mode;
  readonly exemptTagKey: string;
}

const SG_SOURCE = /^(?:(\d{12})\/)?(sg-[0-9a-f]{8,17})$/;
const PREFIX_LIST_SOURCE = /^pl-[0-9a-f]{8,17}$/;
const NAMED_PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmpv6', 'all'] as const;
/** AWS tag keys: 1-128 characters of letters, digits, spaces and `_.:/=+-@`, not starting with `aws:`. */
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/**
 * Parses Config's `ruleParameters` (already JSON-decoded): every value a string, no unknown key.
 * `allowedIngress` is required; the others take their built-in default.
 */
export function parseRuleParameters(raw: Readonly<Record<string, unknown>>): RuleParameters {
  const known = new Set<string>(Object.values(RULE_PARAMETER));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      throw new RuleParameterError(`unknown rule parameter "${key}".`, {
        where: key,
        fix: `use only ${[...known].join(', ')} (names are case-sensitive).`,
      });
    }
  }
  const text = (name: RuleParameterName, fallback?: string): string => {
    const value = raw[name] ?? fallback;
    if (typeof value !== 'string') {
      throw new RuleParameterError(value === undefined ? 'is missing.' : `must be a string, got ${typeof value}.`, {
        where: name,
        fix: `set ${name}, e.g. "${DEFAULT_RULE_PARAMETERS[name]}".`,
      });
    }
    return value;
  };
  const allowedCidrs = parseAllowedCidrs(text('allowedCidrs', DEFAULT_RULE_PARAMETERS.allowedCidrs));
  return {
    allowedCidrs,
    allowedIngress: parseAllowedIngress(text('allowedIngress'), allowedCidrs),
    mode: parseMode(text('mode', DEFAULT_RULE_PARAMETERS.mode)),
    exemptTagKey: parseExemptTagKey(text('exemptTagKey', DEFAULT_RULE_PARAMETERS.exemptTagKey)),
  };
}

export function parseMode(text: string): Mode {
  const mode = MODES.find((m) => m === text.trim());
  if (mode === undefined) {
    throw new RuleParameterError(`"${text}" is not a mode.`, {
      where: RULE_PARAMETER.mode,
      fix: 'use "enforce" (revert drift) or "report" (only report it).',
    });
  }
  return mode;
}

export function parseExemptTagKey(text: string): string {
  if (!TAG_KEY.test(text)) {
    throw new RuleParameterError(`"${text}" is not a valid tag key.`, {
      where: RULE_PARAMETER.exemptTagKey,
      fix: 'use 1-128 letters, digits, spaces or _.:/=+-@, not starting with "aws:".',
    });
  }
  return text;
}

/** Parses `allowedCidrs`: comma-separated canonical IPv4/IPv6 CIDRs, deduplicated, order kept. */
export function parseAllowedCidrs(text: string): string[] {
  const cidrs = splitEntries(text, RULE_PARAMETER.allowedCidrs).map((entry, index) => {
    const cidr = parseCidr(entry);
    const where = `${RULE_PARAMETER.allowedCidrs}[${index}]`;
    if (cidr === undefined) {
      throw new RuleParameterError(`"${entry}" is not an IPv4 or IPv6 CIDR.`, {
        where,
        fix: 'write an address with a prefix length, e.g. 0.0.0.0/0, 10.0.0.0/8 or ::/0.',
      });
    }
    if (!cidr.wasCanonical) {
      throw new RuleParameterError(`"${entry}" has host bits set or is not in canonical form.`, {
        where,
        fix: `write ${cidr.canonical} (EC2 stores that form).`,
      });
    }
    return cidr.canonical;
  });
  return [...new Set(cidrs)];
}

/** Parses `allowedIngress` against the parsed `allowedCidrs`; returns deduplicated sorted rules. */
export function parseAllowedIngress(text: string, allowedCidrs: readonly string[]): IngressRule[] {
  const rules = new Map<string, IngressRule>();
  splitEntries(text, RULE_PARAMETER.allowedIngress).forEach((entry, index) => {
    for (const rule of parseEntry(entry, `${RULE_PARAMETER.allowedIngress}[${index}]`, allowedCidrs)) {
      rules.set(ruleKey(rule), rule);
    }
  });
  return sortRules(rules.values());
}

/** The keyword for an empty list: allow no ingress at all, or no default CIDR. */
export const NONE = 'none';

/** The entries of a comma-separated parameter, trimmed ([] for `none`); blank is an error. */
export function splitEntries(text: string, parameter: RuleParameterName): string[] {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new RuleParameterError('is blank.', {
      where: parameter,
      fix: `write "${NONE}" for an empty list (AWS Config refuses a blank rule parameter).`,
    });
  }
  return trimmed.toLowerCase() === NONE ? [] : trimmed.split(',').map((e) => e.trim());
}

function parseEntry(entry: string, where: string, allowedCidrs: readonly string[]): IngressRule[] {
  const fail = (what: string, fix: string): never => {
    throw new RuleParameterError(`entry "${entry}": ${what}`, { where, fix });
  };
  if (entry === '') fail('is empty.', 'remove the extra comma.');
  if (entry.toLowerCase() === NONE) fail(`"${NONE}" stands for the empty list and cannot be combined.`, `write "${NONE}" alone, or only the entries.`);
  const at = entry.split('@');
  if (at.length > 2) fail('has more than one "@".', 'write one source per entry, e.g. tcp:443@10.0.0.0/8.');
  const [head = '', sourceText] = at;
  const colon = head.indexOf(':');
  const bare = head.toLowerCase();
  // A protocol name alone (`icmp`) would otherwise read as tcp with the "port" icmp.
  if (colon < 0 && bare !== 'all' && (NAMED_PROTOCOLS as readonly string[]).includes(bare)) {
    const [unit, example] = isIcmp(bare) ? ['type', '8'] : ['port', '443'];
    fail(`protocol ${head} needs PORTS.`, `write ${bare}:* (every ${unit}) or e.g. ${bare}:${example}.`);
  }
  const protocolText = colon < 0 ? (bare === 'all' ? 'all' : 'tcp') : head.slice(0, colon);
  const portsText = colon < 0 ? (protocolText === 'all' ? '*' : head) : head.slice(colon + 1);
  const protocol = parseProtocol(protocolText, fail);
  const ports = parsePorts(protocol, portsText, fail);
  const sources =
    sourceText === undefined
      ? defaultSources(protocol, allowedCidrs, fail)
      : [parseSource(protocol, sourceText, fail)];
  return sources.map((source) => ({ protocol, ...ports, source }));
}

type Fail = (what: string, fix: string) => never;

function parseProtocol(text: string, fail: Fail): string {
  const lower = text.toLowerCase();
  if ((NAMED_PROTOCOLS as readonly string[]).includes(lower)) return normalizeProtocol(lower);
  if (/^\d{1,3}$/.test(lower) && Number(lower) <= 255) return normalizeProtocol(String(Number(lower)));
  return fail(`unknown protocol "${text}".`, `use ${NAMED_PROTOCOLS.join(', ')} or a protocol number 0-255.`);
}

function parsePorts(protocol: string, text: string, fail: Fail): { fromPort: number; toPort: number } {
  if (hasPortRange(protocol)) {
    if (text === '*') return { ...ALL_PORTS };
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (match === null || from > 65535 || to > 65535 || from > to) {
      return fail(`"${text}" is not a port or port range.`, 'write a port 0-65535 (443), a range (8000-8100) or *.');
    }
    return { fromPort: from, toPort: to };
  }
  if (isIcmp(protocol)) {
    if (text === '*') return { fromPort: -1, toPort: -1 };
    const match = /^(\d{1,3})(?:\/(\d{1,3}))?$/.exec(text);
    const type = Number(match?.[1]);
    const code = match?.[2] === undefined ? -1 : Number(match[2]);
    if (match === null || type > 255 || code > 255) {
      return fail(`"${text}" is not an ICMP type or type/code.`, 'write a type (8), type/code (3/4) or * (0-255 each).');
    }
    return { fromPort: type, toPort: code };
  }
  if (text !== '*') {
    return fail(`protocol ${protocol === '-1' ? 'all' : protocol} has no ports.`, `write ${protocol === '-1' ? 'all' : `${protocol}:*`} without ports.`);
  }
  return { fromPort: -1, toPort: -1 };
}

function parseSource(protocol: string, text: string, fail: Fail): RuleSource {
  const sg = SG_SOURCE.exec(text);
  if (sg?.[2] !== undefined) {
    return sg[1] === undefined ? { kind: 'security-group', groupId: sg[2] } : { kind: 'security-group', groupId: sg[2], userId: sg[1] };
  }
  if (PREFIX_LIST_SOURCE.test(text)) return { kind: 'prefix-list', prefixListId: text };
  const cidr = parseCidr(text);
  if (cidr === undefined) {
    return fail(`"${text}" is not a source.`, 'use an IPv4/IPv6 CIDR (10.0.0.0/8), sg-…, ACCOUNT/sg-… or pl-….');
  }
  if (!cidr.wasCanonical) return fail(`source "${text}" is not canonical.`, `write ${cidr.canonical} (EC2 stores that form).`);
  if ((protocol === 'icmp' && cidr.family === 'ipv6') || (protocol === 'icmpv6' && cidr.family === 'ipv4')) {
    return fail(`${protocol} does not apply to ${cidr.family} source ${text}.`, 'use icmp with IPv4 and icmpv6 with IPv6 sources.');
  }
  return { kind: cidr.family, cidr: cidr.canonical };
}

function defaultSources(protocol: string, allowedCidrs: readonly string[], fail: Fail): RuleSource[] {
  const sources = allowedCidrs.flatMap((text): RuleSource[] => {
    const family = text.includes(':') ? 'ipv6' : 'ipv4';
    if ((protocol === 'icmp' && family === 'ipv6') || (protocol === 'icmpv6' && family === 'ipv4')) return [];
    return [{ kind: family, cidr: text }];
  });
  if (sources.length === 0) {
    return fail(
      'has no source: allowedCidrs has no CIDR of its IP family.',
      'add @SOURCE to the entry or a matching CIDR to allowedCidrs.',
    );
  }
  return sources;
}
