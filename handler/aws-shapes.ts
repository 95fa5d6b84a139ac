/**
 * Pure conversions between EC2's wire shapes and the core's plain data, and the classification of
 * AWS errors. No calls here: handler/aws-adapter.ts owns every call.
 */
import type { Filter, IpPermission, RevokedSecurityGroupRule, SecurityGroup, SecurityGroupRule } from '@aws-sdk/client-ec2';
import { AwsCallError } from '../src/errors';
import type { IngressRule } from '../src/ingress-rule';
import { hasPortRange, isIcmp } from '../src/ingress-rule';
import type { LiveRule } from './core/live-rule';
import type { SweepFilter } from './aws-port';

/** Description written on the rules the guardrail adds, so a console reader sees who put them there. */
export const ADDED_RULE_DESCRIPTION = 'added by sg-guardrail';

/** Flattens DescribeSecurityGroups' IpPermissions (several sources per permission) into one rule per source. */
export function liveRulesFromIpPermissions(permissions: readonly IpPermission[]): LiveRule[] {
  return permissions.flatMap((p): LiveRule[] => {
    const base = { protocol: p.IpProtocol ?? '-1', ...optionalPorts(p.FromPort, p.ToPort) };
    return [
      ...(p.IpRanges ?? []).flatMap((r) => (r.CidrIp === undefined ? [] : [{ ...base, cidrIpv4: r.CidrIp }])),
      ...(p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 === undefined ? [] : [{ ...base, cidrIpv6: r.CidrIpv6 }])),
      ...(p.PrefixListIds ?? []).flatMap((r) => (r.PrefixListId === undefined ? [] : [{ ...base, prefixListId: r.PrefixListId }])),
      ...(p.UserIdGroupPairs ?? []).flatMap((pair) =>
        pair.GroupId === undefined
          ? []
          : [{ ...base, referencedGroup: pair.UserId === undefined ? { groupId: pair.GroupId } : { groupId: pair.GroupId, userId: pair.UserId } }],
      ),
    ];
  });
}

/** One DescribeSecurityGroupRules entry (ingress or egress; the caller keeps ingress). */
export function liveRuleFromSecurityGroupRule(rule: SecurityGroupRule): LiveRule {
  const ref = rule.ReferencedGroupInfo;
  return {
    protocol: rule.IpProtocol ?? '-1',
    ...optionalPorts(rule.FromPort, rule.ToPort),
    ...(rule.SecurityGroupRuleId === undefined ? {} : { ruleId: rule.SecurityGroupRuleId }),
    ...(rule.CidrIpv4 === undefined ? {} : { cidrIpv4: rule.CidrIpv4 }),
    ...(rule.CidrIpv6 === undefined ? {} : { cidrIpv6: rule.CidrIpv6 }),
    ...(rule.PrefixListId === undefined ? {} : { prefixListId: rule.PrefixListId }),
    ...(ref?.GroupId === undefined
      ? {}
      : { referencedGroup: ref.UserId === undefined ? { groupId: ref.GroupId } : { groupId: ref.GroupId, userId: ref.UserId } }),
    ...(rule.Description === undefined ? {} : { description: rule.Description }),
  };
}

/**
 * One RevokedSecurityGroupRules entry, or undefined when it names no source (an answer without the
 * rule's properties): the id then counts as unconfirmed and a new read tells what happened.
 */
export function liveRuleFromRevoked(rule: RevokedSecurityGroupRule): LiveRule | undefined {
  if (rule.CidrIpv4 === undefined && rule.CidrIpv6 === undefined && rule.PrefixListId === undefined && rule.ReferencedGroupId === undefined) return undefined;
  return liveRuleFromSecurityGroupRule({
    ...rule,
    ...(rule.ReferencedGroupId === undefined ? {} : { ReferencedGroupInfo: { GroupId: rule.ReferencedGroupId } }),
  });
}

/**
 * DescribeSecurityGroups filters for a sweep: this account's groups (`owner-id`) inside the tag scope
 * (`tag:KEY` = value, or `tag-key` when only a key is set), so EC2 returns nothing else and groups
 * outside cost nothing. Filter values take `*` and `?` as wildcards; tag keys and values cannot
 * contain them (the template patterns refuse them), so these match exactly.
 */
export function sweepFilters({ ownerId, scope }: SweepFilter): Filter[] {
  const owner: Filter = { Name: 'owner-id', Values: [ownerId] };
  if (scope === undefined) return [owner];
  return [owner, scope.value === undefined ? { Name: 'tag-key', Values: [scope.key] } : { Name: `tag:${scope.key}`, Values: [scope.value] }];
}

export function tagsOf(group: SecurityGroup): Map<string, string> {
  return new Map((group.Tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? ''] as const])));
}

/**
 * The IpPermission that authorizes exactly one atomic rule: one source, ports only where the
 * protocol has them (tcp/udp ranges, icmp type/code; EC2 ignores ports for -1 and other numbers).
 */
export function ipPermissionFor(rule: IngressRule): IpPermission {
  const ports = hasPortRange(rule.protocol) || isIcmp(rule.protocol) ? { FromPort: rule.fromPort, ToPort: rule.toPort } : {};
  const Description = ADDED_RULE_DESCRIPTION;
  const source = rule.source;
  switch (source.kind) {
    case 'ipv4':
      return { IpProtocol: rule.protocol, ...ports, IpRanges: [{ CidrIp: source.cidr, Description }] };
    case 'ipv6':
      return { IpProtocol: rule.protocol, ...ports, Ipv6Ranges: [{ CidrIpv6: source.cidr, Description }] };
    case 'prefix-list':
      return { IpProtocol: rule.protocol, ...ports, PrefixListIds: [{ PrefixListId: source.prefixListId, Description }] };
    case 'security-group':
      return {
        IpProtocol: rule.protocol,
        ...ports,
        UserIdGroupPairs: [source.userId === undefined ? { GroupId: source.groupId, Description } : { GroupId: source.groupId, UserId: source.userId, Description }],
      };
  }
}

function optionalPorts(fromPort: number | undefined, toPort: number | undefined): { fromPort?: number; toPort?: number } {
  return { ...(fromPort === undefined ? {} : { fromPort }), ...(toPort === undefined ? {} : { toPort }) };
}

export type AwsErrorKind =
  /** InvalidPermission.Duplicate: the rule already exists. */
  | 'duplicate'
  /** InvalidPermission.NotFound / InvalidSecurityGroupRuleId.NotFound: the rule is already gone. */
  | 'rule-not-found'
  /**
   * InvalidGroup.NotFound: the evaluated group, or a group an authorized rule references, does not
   * exist. Only a read of the evaluated group tells which (the adapter makes it); the message text is
   * not an API contract.
   */
  | 'group-not-found'
  | 'limit'
  /**
   * A referenced prefix list does not exist: EC2 refuses that rule, and the other rules of the
   * call may still be added. (A missing referenced group comes as 'group-not-found'.)
   */
  | 'source-not-found'
  /** A client fault retrying cannot fix: access denied, a malformed or impossible request. */
  | 'permanent'
  /** Throttling left after the SDK's retries, server faults, network errors: Lambda retries. */
  | 'transient';

/**
 * Throttling codes, as in the SDK's own list (@smithy service-error-classification), which its
 * `standard` retry strategy already retries with backoff: whatever reaches us has exhausted them.
 */
const THROTTLING = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'EC2ThrottledException']);

interface ServiceErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: { readonly throttling?: boolean };
}

export function classifyAwsError(error: unknown): AwsErrorKind {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  switch (name) {
    case 'InvalidPermission.Duplicate':
      return 'duplicate';
    case 'InvalidPermission.NotFound':
    case 'InvalidSecurityGroupRuleId.NotFound':
      return 'rule-not-found';
    case 'RulesPerSecurityGroupLimitExceeded':
      return 'limit';
    case 'InvalidGroup.NotFound':
      return 'group-not-found';
    // Only a source that does not exist lets the revert go on past the rule: no traffic can flow
    // by it, so revoking broader rules cuts nothing allowed. A malformed permission or an invalid
    // parameter is not such a case (and may be about the whole call).
    // EC2 spells it with ID (the managed prefix list APIs) or Id (the EC2 error list); take both.
    case 'InvalidPrefixListID.NotFound':
    case 'InvalidPrefixListId.NotFound':
      return 'source-not-found';
    default:
      if (THROTTLING.has(name) || e.$retryable?.throttling === true) return 'transient';
      return e.$fault === 'client' ? 'permanent' : 'transient';
  }
}

/** `Code: message` for annotations and logs. */
export function describeAwsError(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorLike;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  return `${name}: ${message}`;
}

/** What to do about a failed call, by what kind of failure it is. */
const CALL_FIXES: Readonly<Record<string, string>> = {
  // Config answers an unknown or expired token this way; a retry with the same token cannot help.
  InvalidResultTokenException: 'invoke the function through its AWS Config rule (or pass resultToken "TESTMODE" when invoking it by hand).',
};

/** The AwsCallError for a failed call: the AWS code and message, where, and the fix. */
export function awsCallError(operation: string, error: unknown): AwsCallError {
  const name = typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : '';
  const fix =
    CALL_FIXES[name] ??
    (classifyAwsError(error) === 'transient'
      ? 'nothing: Lambda retries the invocation.'
      : `grant ${operation.replace(':revert', ':AuthorizeSecurityGroupIngress and ec2:RevokeSecurityGroupIngress')} to the function's role, or check the request.`);
  return new AwsCallError(describeAwsError(error), { where: operation, fix, cause: error });
}
