/**
 * The one module that calls AWS: every EC2 read and write and Config's PutEvaluations. Clients are
 * injected, so tests hand in clients wired to aws-sdk-client-mock or to the in-memory EC2 fake.
 *
 * Reads: a group is read with DescribeSecurityGroups (owner, tags and IpPermissions in one call; a
 * sweep reads 1,000 groups per call), so a compliant group costs no call of its own. IpPermissions
 * carry no rule ids, so a group with rules to revoke is read once more with DescribeSecurityGroupRules
 * (filter group-id) and that fresher read decides what is revoked. Writes are paced by WRITE_RATE.
 */
import type { ConfigServiceClient, Evaluation } from '@aws-sdk/client-config-service';
import { PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import type { EC2Client, EC2ClientConfig, SecurityGroup } from '@aws-sdk/client-ec2';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { AWS_HTTP_TIMEOUTS } from '../src/aws/http-timeouts';
import { AwsCallError } from '../src/errors';
import type { IngressRule } from '../src/ingress-rule';
import { formatRule } from '../src/ingress-rule';
import {
  awsCallError,
  classifyAwsError,
  describeAwsError,
  ipPermissionFor,
  liveRuleFromRevoked,
  liveRuleFromSecurityGroupRule,
  liveRulesFromIpPermissions,
  sweepFilters,
  tagsOf,
} from './aws-shapes';
import type { RevertOutcome } from './core/decide';
import type { ActualRule, LiveRule } from './core/live-rule';
import type { RevokeReport } from './core/verify';
import type { AwsAdapter, EvaluationRecord, GroupSnapshot } from './aws-port';
import { EVALUATIONS_PER_CALL } from './aws-port';
import type { Clock } from './rate-limiter';
import { createTokenBucket, SYSTEM_CLOCK, WRITE_RATE } from './rate-limiter';

/**
 * Client settings for both clients: the SDK's `standard` retry strategy (exponential backoff with
 * full jitter, retrying throttling such as EC2's RequestLimitExceeded, 5xx and network errors),
 * with 6 attempts instead of the default 3 because a sweep of a busy account hits EC2's limits;
 * and timeouts, so a call that hangs fails inside the function's own timeout.
 */
export const AWS_CLIENT_CONFIG = { maxAttempts: 6, retryMode: 'standard', requestHandler: AWS_HTTP_TIMEOUTS } as const satisfies EC2ClientConfig;

/** DescribeSecurityGroups page size in a sweep (the API maximum). */
export const PAGE_SIZE = 1000;

export interface AwsClients {
  readonly ec2: EC2Client;
  readonly config: ConfigServiceClient;
  /** Paces the writes (WRITE_RATE); the system clock unless a test or benchmark passes its own. */
  readonly clock?: Clock;
}

/** The state of one revert, shared by its authorize and revoke steps. */
interface RevertRun {
  readonly groupId: string;
  readonly added: IngressRule[];
  /** Allowed rules EC2 refused for a reason of their own, with the AWS error. */
  readonly refused: { readonly rule: IngressRule; readonly reason: string }[];
  /** Whether the group exists, once a read after InvalidGroup.NotFound has told. */
  groupExists?: boolean;
  /** What the revoke asked for and what EC2 answered. */
  revoke?: RevokeReport;
}

export function createAwsAdapter({ ec2, config, clock = SYSTEM_CLOCK }: AwsClients): AwsAdapter {
  // One bucket per write action, as EC2 keeps one per action (see rate-limiter.ts).
  const writes = { authorize: createTokenBucket({ ...WRITE_RATE, clock }), revoke: createTokenBucket({ ...WRITE_RATE, clock }) };
  const snapshotOf = (group: SecurityGroup): GroupSnapshot => ({
    groupId: group.GroupId ?? '',
    ownerId: group.OwnerId ?? '',
    tags: tagsOf(group),
    rules: liveRulesFromIpPermissions(group.IpPermissions ?? []),
  });

  async function describeGroup(groupId: string): Promise<GroupSnapshot | undefined> {
    try {
      // A group-id filter rather than GroupIds: a request without a filter or pagination draws on
      // EC2's smaller "unfiltered and unpaginated" bucket (50, refill 10/s), and a burst of changes
      // (a deployment) brings one invocation per group. A filter that matches nothing is an empty list.
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }));
      const group = out.SecurityGroups?.find((g) => g.GroupId === groupId);
      return group === undefined ? undefined : snapshotOf(group);
    } catch (error) {
      if (classifyAwsError(error) === 'group-not-found') return undefined;
      throw awsCallError('ec2:DescribeSecurityGroups', error);
    }
  }

  /**
   * Is `error` about one rule rather than the whole call (the rule exists already, or its source
   * does not exist)? Then the other rules are worth adding one by one. InvalidGroup.NotFound
   * qualifies only once a read shows this group still exists (kept on `run` for the revert).
   */
  async function isAboutOneRule(run: RevertRun, error: unknown): Promise<boolean> {
    const kind = classifyAwsError(error);
    if (kind === 'duplicate' || kind === 'source-not-found') return true;
    if (kind !== 'group-not-found') return false;
    run.groupExists ??= (await describeGroup(run.groupId)) !== undefined;
    return run.groupExists;
  }

  /**
   * Adds `rules` in one call; when EC2 refuses the call for one rule's sake (it exists already, or
   * references a group or prefix list that does not exist), adds them one by one: a duplicate is a
   * success, a rule with a missing source is kept on `run.refused`, and the others still go in.
   * Every rule added is pushed onto `run.added` at once, so a later failure still reports it.
   */
  async function authorize(run: RevertRun, rules: readonly IngressRule[]): Promise<{ limitHit: boolean }> {
    if (rules.length === 0) return { limitHit: false };
    const send = async (batch: readonly IngressRule[]): Promise<unknown> => {
      await writes.authorize.take();
      return ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: run.groupId, IpPermissions: batch.map(ipPermissionFor) }));
    };
    try {
      await send(rules);
      run.added.push(...rules);
      return { limitHit: false };
    } catch (error) {
      const kind = classifyAwsError(error);
      if (kind === 'limit') return { limitHit: true };
      if (!(await isAboutOneRule(run, error))) throw error;
      const [only] = rules;
      if (rules.length === 1 && only !== undefined) {
        if (kind !== 'duplicate') run.refused.push({ rule: only, reason: describeAwsError(error) });
        return { limitHit: false };
      }
    }
    for (const rule of rules) {
      try {
        await send([rule]);
        run.added.push(rule);
      } catch (error) {
        const kind = classifyAwsError(error);
        if (kind === 'limit') return { limitHit: true };
        if (!(await isAboutOneRule(run, error))) throw error;
        if (kind !== 'duplicate') run.refused.push({ rule, reason: describeAwsError(error) });
      }
    }
    return { limitHit: false };
  }

  /**
   * Revokes by rule ids in one call and keeps EC2's answer on `run.revoke`: the ids may name other
   * rules by now (core/verify.ts checks what went). One unknown id fails the whole call and revokes
   * nothing (InvalidSecurityGroupRuleId.NotFound): someone changed the group since the read, and a
   * new read decides.
   */
  async function revoke(run: RevertRun, entries: readonly ActualRule[]): Promise<void> {
    const requestedIds = entries.flatMap((e) => e.ruleIds);
    if (requestedIds.length === 0) return;
    await writes.revoke.take();
    try {
      const out = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: run.groupId, SecurityGroupRuleIds: [...requestedIds] }));
      const rules = (out.RevokedSecurityGroupRules ?? []).flatMap((r) => liveRuleFromRevoked(r) ?? []);
      run.revoke = { requestedIds, returned: out.Return === true, rules };
    } catch (error) {
      if (classifyAwsError(error) !== 'rule-not-found') throw error;
      run.revoke = { requestedIds, returned: false, rules: [] };
    }
  }

  return {
    describeGroup,

    async *listGroupPages(filter) {
      const Filters = sweepFilters(filter);
      let nextToken: string | undefined;
      do {
        const out = await ec2
          .send(new DescribeSecurityGroupsCommand({ Filters, MaxResults: PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }))
          .catch((error: unknown) => {
            throw awsCallError('ec2:DescribeSecurityGroups', error);
          });
        nextToken = out.NextToken === '' ? undefined : out.NextToken;
        yield { groups: (out.SecurityGroups ?? []).map(snapshotOf), more: nextToken !== undefined };
      } while (nextToken !== undefined);
    },

    async readRules(groupId) {
      const rules: LiveRule[] = [];
      let nextToken: string | undefined;
      do {
        // No MaxResults: EC2 then returns every rule of the group in one response (the loop only
        // guards against a NextToken all the same). A group deleted meanwhile has no rules: the
        // authorize that follows then meets InvalidGroup.NotFound.
        const input = { Filters: [{ Name: 'group-id', Values: [groupId] }], ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
        let out;
        try {
          out = await ec2.send(new DescribeSecurityGroupRulesCommand(input));
        } catch (error) {
          if (classifyAwsError(error) === 'transient') throw awsCallError('ec2:DescribeSecurityGroupRules', error);
          return { status: 'failed', reason: describeAwsError(error) };
        }
        for (const rule of out.SecurityGroupRules ?? []) {
          if (rule.IsEgress !== true && rule.GroupId === groupId) rules.push(liveRuleFromSecurityGroupRule(rule));
        }
        nextToken = out.NextToken === '' ? undefined : out.NextToken;
      } while (nextToken !== undefined);
      return { status: 'read', rules };
    },

    /**
     * Authorize first (one call with every missing rule), so allowed traffic is never cut; then
     * revoke by SecurityGroupRuleIds (exact, and immune to the default-VPC partial-revoke quirk).
     * When the authorize hits the rules-per-group limit, revoke first and authorize again.
     */
    async revert(groupId, diff) {
      const run: RevertRun = { groupId, added: [], refused: [] };
      const revoked = (): { revoke?: RevokeReport } => (run.revoke === undefined ? {} : { revoke: run.revoke });
      const failed = (reason: string): RevertOutcome => ({ status: 'failed', reason, added: run.added, ...revoked() });
      const unidentified = diff.toRevoke.find((e) => e.ruleIds.length === 0);
      // Rules read from IpPermissions carry no ids; revoking "nothing" would report a false COMPLIANT.
      if (unidentified !== undefined) return failed(`no rule id for ${formatRule(unidentified.rule)} (a defect: rules to revoke must come from DescribeSecurityGroupRules)`);
      try {
        const first = await authorize(run, diff.toAuthorize);
        // A refused allowed rule (say, one naming a deleted group) does not stop the revoke: no
        // traffic could flow by it, and one stale entry must not keep every group open.
        await revoke(run, diff.toRevoke);
        if (first.limitHit) {
          const done = new Set([...run.added, ...run.refused.map((r) => r.rule)]);
          const second = await authorize(run, diff.toAuthorize.filter((r) => !done.has(r)));
          if (second.limitHit) return failed('RulesPerSecurityGroupLimitExceeded: the allowed rules do not fit in the group');
        }
        const [refusal] = run.refused;
        return refusal === undefined ? { status: 'reverted', added: run.added, ...revoked() } : failed(refusal.reason);
      } catch (error) {
        const kind = classifyAwsError(error);
        if (kind === 'transient') throw awsCallError('ec2:revert', error);
        // InvalidGroup.NotFound names either this group or a group an allowed rule references: a
        // read of this group tells which (one more call, on this error path only).
        if (kind === 'group-not-found') run.groupExists ??= (await describeGroup(groupId)) !== undefined;
        return run.groupExists === false ? { status: 'group-not-found' } : failed(describeAwsError(error));
      }
    },

    async putEvaluations(evaluations, { resultToken, testMode }) {
      for (let start = 0; start < evaluations.length; start += EVALUATIONS_PER_CALL) {
        const batch = evaluations.slice(start, start + EVALUATIONS_PER_CALL).map(toEvaluation);
        const out = await config
          .send(new PutEvaluationsCommand({ Evaluations: batch, ResultToken: resultToken, ...(testMode ? { TestMode: true } : {}) }))
          .catch((error: unknown) => {
            throw awsCallError('config:PutEvaluations', error);
          });
        const failed = out.FailedEvaluations ?? [];
        if (failed.length > 0) {
          throw new AwsCallError(`Config rejected ${failed.length} evaluation(s): ${failed.map((f) => f.ComplianceResourceId).join(', ')}.`, {
            where: 'config:PutEvaluations',
            fix: 'check the evaluations in the log; Lambda retries the invocation.',
          });
        }
      }
    },
  };
}

function toEvaluation(record: EvaluationRecord): Evaluation {
  return {
    ComplianceResourceType: record.resourceType,
    ComplianceResourceId: record.resourceId,
    ComplianceType: record.compliance,
    ...(record.annotation === undefined ? {} : { Annotation: record.annotation }),
    OrderingTimestamp: record.orderingTimestamp,
  };
}
