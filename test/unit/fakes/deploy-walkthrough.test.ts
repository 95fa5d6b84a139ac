// A deploy-shaped walkthrough of the fakes: what the plan/apply code will do, end to end, through
// the real SDK clients. It doubles as the usage example for the deploy engineer.
import {
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeOrganizationsAccessCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  ListStackInstancesCommand,
  ListStackSetsCommand,
  OperationIdAlreadyExistsException,
} from '@aws-sdk/client-cloudformation';
import { ListChildrenCommand, OrganizationsClient, TooManyRequestsException } from '@aws-sdk/client-organizations';
import type { AwsFakes } from '../../fakes/index';
import { installAwsFakes, OrganizationFake } from '../../fakes/index';
import { rejection, TEMPLATE } from './stacksets-scenario';

const callAs = 'SELF' as const;

/** Lists every child OU below a parent, following NextToken through empty pages, retrying throttles. */
async function walk(client: OrganizationsClient, parentId: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  for (;;) {
    let page;
    try {
      page = await client.send(new ListChildrenCommand({ ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT', NextToken: token }));
    } catch (error) {
      if (error instanceof TooManyRequestsException) continue; // (a real client would back off)
      throw error;
    }
    for (const child of page.Children ?? []) found.push(child.Id ?? '', ...(await walk(client, child.Id ?? '')));
    token = page.NextToken;
    if (token === undefined) break;
  }
  return found;
}

async function waitFor(cfn: CloudFormationClient, stackSet: string, operationId: string): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const { StackSetOperation } = await cfn.send(new DescribeStackSetOperationCommand({ StackSetName: stackSet, OperationId: operationId, CallAs: callAs }));
    const status = StackSetOperation?.Status ?? '';
    seen.push(status);
    if (['SUCCEEDED', 'FAILED', 'STOPPED'].includes(status)) return seen;
  }
}

describe('the fakes walked through like the deploy will', () => {
  let fakes: AwsFakes;
  let org: OrganizationFake;
  let ous: Record<string, string>;

  beforeEach(() => {
    org = new OrganizationFake();
    ous = org.addTree({ 'Root/Workloads': ['222222222222'], 'Root/Workloads/Prod': 2, 'Root/Workloads/Mail': 1, 'Root/Sandbox': 1 });
    fakes = installAwsFakes({ organization: org, stackSetsOptions: { defaultPageSize: 2 } });
  });

  afterEach(() => fakes.restore());

  it('plans with reads only, applies with queued operations, resumes by OperationId, and re-applies as a no-op', async () => {
    const orgs = new OrganizationsClient({});
    const cfn = new CloudFormationClient({});
    org.setPageShape({ emptyPages: 'interleaved', pageSizeCap: 1 });
    org.throttle(3);

    // plan: only reads
    expect((await walk(orgs, org.rootId)).sort()).toEqual(Object.values(ous).sort());
    expect(await cfn.send(new ListStackSetsCommand({ Status: 'ACTIVE', CallAs: callAs }))).toMatchObject({ Summaries: [] });
    expect(await cfn.send(new DescribeOrganizationsAccessCommand({ CallAs: callAs }))).toMatchObject({ Status: 'ENABLED' });
    expect([...org.mutatingCalls(), ...fakes.stackSets.mutatingCalls()]).toEqual([]);
    expect(org.calls().filter((c) => c.throttled)).toHaveLength(3);

    // apply: baseline, then the rule stack set that DependsOn it, both with managed execution
    const create = async (name: string, dependsOn?: string[]) => {
      await cfn.send(new CreateStackSetCommand({
        StackSetName: name, TemplateBody: TEMPLATE, PermissionModel: 'SERVICE_MANAGED', CallAs: callAs,
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false, DependsOn: dependsOn }, ManagedExecution: { Active: true },
      }));
      return (await cfn.send(new DescribeStackSetCommand({ StackSetName: name, CallAs: callAs }))).StackSet?.StackSetARN ?? '';
    };
    const baselineArn = await create('sg-guardrail-baseline');
    await create('sg-guardrail-rule-web', [baselineArn]);
    const deploy = (name: string, operationId: string) =>
      cfn.send(new CreateStackInstancesCommand({
        StackSetName: name, CallAs: callAs, OperationId: operationId, Regions: ['us-east-1', 'eu-west-1'],
        DeploymentTargets: { OrganizationalUnitIds: [ous['Root/Workloads'] ?? ''] },
        OperationPreferences: { RegionConcurrencyType: 'PARALLEL', MaxConcurrentPercentage: 100, FailureTolerancePercentage: 10 },
      }));
    fakes.stackSets.failInstances({ stackSet: 'sg-guardrail-rule-web', accounts: ['222222222222'], regions: ['eu-west-1'] });
    await deploy('sg-guardrail-baseline', 'p1-baseline-create');
    await deploy('sg-guardrail-rule-web', 'p1-rule-web-create');

    // crash and resume: the same OperationId is refused, so the deploy polls it instead
    expect(await rejection(deploy('sg-guardrail-rule-web', 'p1-rule-web-create'))).toBeInstanceOf(OperationIdAlreadyExistsException);
    expect(await waitFor(cfn, 'sg-guardrail-baseline', 'p1-baseline-create')).toEqual(['RUNNING', 'SUCCEEDED']);
    expect(await waitFor(cfn, 'sg-guardrail-rule-web', 'p1-rule-web-create')).toEqual(['FAILED']);

    // report: failed instances with their reasons, read page by page
    const failed: string[] = [];
    let token: string | undefined;
    do {
      const page = await cfn.send(new ListStackInstancesCommand({
        StackSetName: 'sg-guardrail-rule-web', CallAs: callAs, NextToken: token, Filters: [{ Name: 'DETAILED_STATUS', Values: 'FAILED' }],
      }));
      failed.push(...(page.Summaries ?? []).map((i) => `${i.Account}/${i.Region}: ${i.StatusReason}`));
      token = page.NextToken;
    } while (token !== undefined);
    expect(failed).toEqual([expect.stringMatching(/^222222222222\/eu-west-1: ResourceLogicalId:ConfigRecorder/)]);
    expect(fakes.stackSets.callsWithoutCallAs()).toEqual([]);

    // a second apply that finds nothing to change makes no mutating call
    fakes.stackSets.clearCalls();
    org.clearCalls();
    await walk(orgs, org.rootId);
    await cfn.send(new ListStackSetsCommand({ Status: 'ACTIVE', CallAs: callAs }));
    expect([...org.mutatingCalls(), ...fakes.stackSets.mutatingCalls()]).toEqual([]);
  });

  it('refuses service-managed stack sets until trusted access is activated', async () => {
    fakes.restore();
    fakes = installAwsFakes({ organization: org, stackSetsOptions: { organizationsAccess: false } });
    const cfn = new CloudFormationClient({});
    const error = await rejection(cfn.send(new CreateStackSetCommand({ StackSetName: 'x', TemplateBody: TEMPLATE, PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true } })));
    expect(error).toMatchObject({ name: 'ValidationError', message: 'You must enable organizations access to operate a service managed stack set' });
    expect(await cfn.send(new DescribeOrganizationsAccessCommand({}))).toMatchObject({ Status: 'DISABLED' });
  });
});
