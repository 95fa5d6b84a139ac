/**
 * `sg-guardrail compliance` end to end: the real CLI and ConfigServiceClient against the aggregator
 * fake: paging (short, empty and 100-item detail pages), throttling, a missing or still empty
 * aggregator, failed sources, the filters, and bad input that makes no call at all.
 */
import { installConfigAggregatorFake } from '../fakes/config-aggregator-fake';
import type { ConfigAggregatorFakes, FakeEvaluation } from '../fakes/config-aggregator-fake';
import { createWorkspace, runCli } from './deploy-helpers';
import type { Workspace } from './deploy-helpers';

const CONFIG = `
regions: [us-east-1, eu-west-1]
profiles:
  web: { allowedIngress: "80,443", ous: [Root/Workloads] }
  mail: { allowedIngress: "80,443,465", mode: report, ous: [Root/Mail] }
`;
const AGGREGATOR = 'sg-guardrail-organization';

let fakes: ConfigAggregatorFakes;
let ws: Workspace;
beforeEach(() => {
  fakes = installConfigAggregatorFake();
  ws = createWorkspace();
});
afterEach(() => fakes.restore());

const compliant = (ruleName: string, accountId: string, region: string, n: number): FakeEvaluation[] =>
  Array.from({ length: n }, (_, i) => ({ ruleName, accountId, region, resourceId: `sg-${accountId.slice(0, 4)}${region.slice(0, 2)}${String(i).padStart(9, '0')}`, compliance: 'COMPLIANT' as const, annotation: i === 0 ? 'reverted; revoked tcp:22@0.0.0.0/0' : undefined }));

function seed(): void {
  fakes.fake.addAggregator({ name: AGGREGATOR, organization: true });
  fakes.fake.addEvaluations(
    ...compliant('sg-guardrail-web', '222222222222', 'us-east-1', 3),
    ...compliant('sg-guardrail-web', '222222222222', 'eu-west-1', 2),
    ...compliant('sg-guardrail-web', '333333333333', 'us-east-1', 1),
    // 130 drifted groups in one account and region: two detail pages of at most 100.
    ...Array.from({ length: 130 }, (_, i): FakeEvaluation => ({ ruleName: 'sg-guardrail-web', accountId: '333333333333', region: 'eu-west-1', resourceId: `sg-0${String(i).padStart(16, '0')}`, compliance: 'NON_COMPLIANT', annotation: 'not reverted: AccessDenied; extra tcp:22@0.0.0.0/0' })),
    { ruleName: 'sg-guardrail-mail', accountId: '444444444444', region: 'us-east-1', resourceId: 'sg-0mail00000000001', compliance: 'NON_COMPLIANT', annotation: 'report mode; extra tcp:25@0.0.0.0/0' },
    { ruleName: 'sg-guardrail-mail', accountId: '444444444444', region: 'eu-west-1', resourceId: 'sg-0mail00000000002', compliance: 'NOT_APPLICABLE' },
    // Another rollout's rule in the same aggregator: never shown.
    { ruleName: 'other-web', accountId: '222222222222', region: 'us-east-1', resourceId: 'sg-0other000000001', compliance: 'NON_COMPLIANT' },
  );
}

const compliance = (...extra: string[]) => runCli(['compliance', '-c', ws.writeConfig(CONFIG), ...extra]);

describe('sg-guardrail compliance', () => {
  it('summarises per profile and account, then lists every NON_COMPLIANT group with its annotation, following every page', async () => {
    seed();
    fakes.fake.paginator.shape = { pageSizeCap: 2, emptyPages: 'interleaved' };
    const run = await compliance();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Compliance from AWS Config aggregator ${AGGREGATOR} (us-east-1):`);
    expect(run.stdout).toContain('profile web (rule sg-guardrail-web): 2 account(s), 4 account-region(s): 3 COMPLIANT, 1 NON_COMPLIANT; 130 group(s) out of line');
    expect(run.stdout).toMatch(/333333333333 +2 +eu-west-1 +130/);
    expect(run.stdout).toMatch(/222222222222 +2 +- +0/);
    expect(run.stdout).toContain('profile mail (rule sg-guardrail-mail): 1 account(s), 2 account-region(s): 0 COMPLIANT, 1 NON_COMPLIANT, 1 other; 1 group(s) out of line');
    expect(run.stdout).toContain('NON_COMPLIANT security groups (131):');
    expect(run.stdout).toMatch(/mail +444444444444 +us-east-1 +sg-0mail00000000001 +2026-03-01T10:00:00\.000Z +report mode; extra tcp:25@0\.0\.0\.0\/0/);
    expect(run.stdout).not.toContain('sg-0other');
    // Each rule was asked for by name only; the details only where NON_COMPLIANT, 100 at a time.
    const summaries = fakes.fake.calls('DescribeAggregateComplianceByConfigRules');
    expect(new Set(summaries.map((c) => JSON.stringify(c.input.Filters)))).toEqual(new Set([JSON.stringify({ ConfigRuleName: 'sg-guardrail-mail' }), JSON.stringify({ ConfigRuleName: 'sg-guardrail-web' })]));
    const details = fakes.fake.calls('GetAggregateComplianceDetailsByConfigRule');
    expect(new Set(details.map((c) => `${String(c.input.ConfigRuleName)}/${String(c.input.AccountId)}/${String(c.input.AwsRegion)}/${String(c.input.ComplianceType)}/${String(c.input.Limit)}`))).toEqual(
      new Set(['sg-guardrail-web/333333333333/eu-west-1/NON_COMPLIANT/100', 'sg-guardrail-mail/444444444444/us-east-1/NON_COMPLIANT/100']),
    );
  });

  it('--json prints the same data', async () => {
    seed();
    const run = await compliance('--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { aggregator: string; profiles: { profile: string; totals: { nonCompliantGroups: number } }[]; nonCompliant: { accountId: string; annotation: string }[] };
    expect(report.aggregator).toBe(AGGREGATOR);
    expect(report.profiles.map((p) => [p.profile, p.totals.nonCompliantGroups])).toEqual([
      ['mail', 1],
      ['web', 130],
    ]);
    expect(report.nonCompliant).toHaveLength(131);
    expect(report.nonCompliant[0]).toMatchObject({ accountId: '444444444444', annotation: 'report mode; extra tcp:25@0.0.0.0/0' });
  });

  it('retries throttling (ThrottlingException) and still answers', async () => {
    seed();
    fakes.fake.recorder.throttle(2, ['DescribeAggregateComplianceByConfigRules', 'GetAggregateComplianceDetailsByConfigRule']);
    const run = await compliance('--profile', 'mail');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('NON_COMPLIANT security groups (1):');
    expect(fakes.fake.recorder.calls().filter((c) => c.throttled)).toHaveLength(2);
  });

  it('--profile, --account and --region narrow the query itself', async () => {
    seed();
    const run = await compliance('--profile', 'web', '--account', '333333333333', '--region', 'eu-west-1');
    expect(run.code).toBe(0);
    expect(fakes.fake.calls('DescribeAggregateComplianceByConfigRules').map((c) => c.input)).toEqual([
      { ConfigurationAggregatorName: AGGREGATOR, Filters: { ConfigRuleName: 'sg-guardrail-web', AccountId: '333333333333', AwsRegion: 'eu-west-1' } },
    ]);
    expect(run.stdout).toContain(', account 333333333333, region eu-west-1:');
    expect(run.stdout).not.toContain('profile mail');
  });

  it('a missing aggregator: says so with the fix, exit 1', async () => {
    const run = await compliance();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`config:DescribeConfigurationAggregators \\(${AGGREGATOR}\\): the AWS Config aggregator "${AGGREGATOR}" does not exist in us-east-1\\. Fix: .*sg-guardrail apply -c .*dist/templates/aggregator\\.yaml.*AggregatorName=${AGGREGATOR} AggregatorRegions=eu-west-1,us-east-1`));
    expect(fakes.fake.calls('DescribeAggregateComplianceByConfigRules')).toEqual([]);
  });

  it('an aggregator still collecting: says so, not an empty table', async () => {
    fakes.fake.addAggregator({ name: AGGREGATOR, organization: true }, [{ sourceId: 'o-exampleorg1', region: 'us-east-1', status: 'OUTDATED' }]);
    const run = await compliance();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the aggregator has no results for sg-guardrail-mail, sg-guardrail-web yet: it is still collecting.*Fix: a new aggregator takes a while/);
  });

  it('an aggregator whose organization source failed: names the error and the delegated-administrator fix', async () => {
    fakes.fake.addAggregator({ name: AGGREGATOR, organization: true }, [{ sourceId: 'o-exampleorg1', region: 'us-east-1', status: 'FAILED', errorCode: 'OrganizationAccessDeniedException', errorMessage: 'not a delegated administrator' }]);
    const run = await compliance();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/collecting from 1 source\(s\) failed, e\.g\. o-exampleorg1 in us-east-1: OrganizationAccessDeniedException \(not a delegated administrator\)\. Fix: .*delegated administrator for config\.amazonaws\.com/);
  });

  it('an aggregator with results for other rules only: the rules are not deployed under their names yet', async () => {
    fakes.fake.addAggregator({ name: AGGREGATOR, organization: true });
    fakes.fake.addEvaluations({ ruleName: 'StackSet-sg-guardrail-rule-web-GuardrailRule-ABC', accountId: '222222222222', region: 'us-east-1', resourceId: 'sg-1', compliance: 'COMPLIANT' });
    const run = await compliance();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no account reports a rule of that name\. Fix: run `sg-guardrail apply -c FILE`/);
  });

  it('notes a config region the aggregator does not collect from, and a profile without results', async () => {
    fakes.fake.addAggregator({ name: AGGREGATOR, organization: true, regions: ['us-east-1'] });
    fakes.fake.addEvaluations(...compliant('sg-guardrail-web', '222222222222', 'us-east-1', 1));
    const run = await compliance();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`! aggregator ${AGGREGATOR} does not collect from eu-west-1 (a region of the config): results there are missing.`);
    expect(run.stdout).toContain('! profile mail: no account reports rule sg-guardrail-mail (not deployed there yet, or not evaluated yet).');
    expect(run.stdout).toContain('No NON_COMPLIANT security group.');
  });

  it.each([
    ['an unknown profile', ['--profile', 'db'], /sg-guardrail compliance: --profile: profile "db" is not in .*org\.yaml\. Fix: use one of mail, web/],
    ['a bad account id', ['--account', '12345'], /--account: "12345" is not an AWS account id\. Fix: give the 12-digit account id/],
    ['a bad region', ['--region', 'europe'], /--region: "europe" is not a region name\. Fix: /],
  ])('%s: exit 1 with the fix and no AWS call', async (_name, extra, message) => {
    const run = await compliance(...extra);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(fakes.fake.calls()).toEqual([]);
  });

  it('a bad config: file:path and the fix, no AWS call', async () => {
    const run = await runCli(['compliance', '-c', ws.writeConfig('regions: [us-east-1]\naggregator: { create: yes please }\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/A] }\n')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/org\.yaml:aggregator\.create: must be boolean, got string\. Fix: /);
    expect(fakes.fake.calls()).toEqual([]);
  });
});
