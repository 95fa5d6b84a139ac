/**
 * The StackSets adapter: every CloudFormation call of the deploy, with CallAs on each (A1: required
 * for delegated administrators on every stack-set API). Listings follow NextToken to the end.
 */
import {
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  DeleteStackSetCommand,
  DescribeStackInstanceCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  DescribeOrganizationsAccessCommand,
  DetectStackSetDriftCommand,
  ListStackInstancesCommand,
  ListStackSetAutoDeploymentTargetsCommand,
  ListStackSetOperationResultsCommand,
  ListStackSetOperationsCommand,
  ListStackSetsCommand,
  UpdateStackInstancesCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient, StackSet } from '@aws-sdk/client-cloudformation';
import type { CallAs, OperationPreferences } from '../deploy/config/config-types';
import type { StackSetState, StackSetSummary } from '../deploy/plan/stack-set-state';
import type { InstanceScope, InstancesRequest, ManagedExecutionRequest, OperationResult, OperationState, StackSetDefinition, StackSetsPort, SubmitOutcome } from '../deploy/stack-sets-port';
import { wrapCloudFormationError } from './cloudformation-errors';
import { ACTIVE_OPERATION_STATUSES, definitionInput, deploymentTargets, instancesInput, managedExecutionInput, toSdkPreferences } from './stack-set-requests';
import { toStackSetState } from './stack-set-state-mapping';
import { retryThrottled } from './retry';
import type { RetryOptions } from './retry';

export class StackSetsAdapter implements StackSetsPort {
  constructor(
    private readonly client: CloudFormationClient,
    private readonly callAs: CallAs,
    private readonly retry: RetryOptions = {},
  ) {}

  async describeOrganizationsAccess(): Promise<'ENABLED' | 'DISABLED' | 'UNKNOWN'> {
    try {
      const r = await retryThrottled(() => this.client.send(new DescribeOrganizationsAccessCommand({ CallAs: this.callAs })), this.retry);
      return r.Status === 'ENABLED' || r.Status === 'DISABLED' ? r.Status : 'UNKNOWN';
    } catch (error) {
      // Only a pre-flight check: without permission for it, the real calls will tell.
      if (error instanceof Error && /AccessDenied/.test(error.name)) return 'UNKNOWN';
      throw wrapCloudFormationError('DescribeOrganizationsAccess', undefined, error);
    }
  }

  async administrationRegion(): Promise<string | undefined> {
    try {
      return await this.client.config.region();
    } catch {
      return undefined; // no region configured: the first call reports it with the fix
    }
  }

  async listStackSets(): Promise<StackSetSummary[]> {
    const summaries = await this.listAll('ListStackSets', undefined, async (NextToken) => {
      const page = await this.client.send(new ListStackSetsCommand({ Status: 'ACTIVE', CallAs: this.callAs, NextToken }));
      return { items: page.Summaries, next: page.NextToken };
    });
    return summaries.flatMap((s) => (s.StackSetName === undefined ? [] : [{ name: s.StackSetName, description: s.Description }]));
  }

  async readStackSetArn(name: string): Promise<string | undefined> {
    return (await this.describeStackSet(name))?.StackSetARN;
  }

  async readStackSet(name: string, scope: InstanceScope = {}): Promise<StackSetState | undefined> {
    const s = await this.describeStackSet(name);
    if (s === undefined) return undefined;
    const summaries = await this.listAll('ListStackInstances', name, async (NextToken) => {
      const page = await this.client.send(new ListStackInstancesCommand({ StackSetName: name, CallAs: this.callAs, NextToken, StackInstanceAccount: scope.account, StackInstanceRegion: scope.region }));
      return { items: page.Summaries, next: page.NextToken };
    });
    // The exact OU → regions pairs: DescribeStackSet's OrganizationalUnitIds and Regions cannot tell
    // which OU is targeted in which region, nor an OU without accounts (aws-facts H).
    const targets = await this.listAll('ListStackSetAutoDeploymentTargets', name, async (NextToken) => {
      const page = await this.client.send(new ListStackSetAutoDeploymentTargetsCommand({ StackSetName: name, CallAs: this.callAs, NextToken }));
      return { items: page.Summaries, next: page.NextToken };
    });
    // One page is enough: it holds the newest operations, and OperationIds only need a value that
    // changes whenever an operation runs (apply also handles a reused id safely).
    const operations = await this.call(
      'ListStackSetOperations',
      () => this.client.send(new ListStackSetOperationsCommand({ StackSetName: name, CallAs: this.callAs })),
      name,
    );
    return toStackSetState({ name, stackSet: s, instances: summaries, targets, operations: operations.Summaries ?? [] });
  }

  async createStackSet(d: StackSetDefinition): Promise<void> {
    await this.call(
      'CreateStackSet',
      () =>
        this.client.send(
          new CreateStackSetCommand({
            ...definitionInput(d, this.callAs),
            ManagedExecution: { Active: true },
          }),
        ),
      d.name,
    );
  }

  async updateStackSet(d: StackSetDefinition, operationId: string, preferences: OperationPreferences): Promise<SubmitOutcome> {
    return this.submit('UpdateStackSet', d.name, () =>
      this.client.send(
        new UpdateStackSetCommand({ ...definitionInput(d, this.callAs), OperationPreferences: toSdkPreferences(preferences), OperationId: operationId }),
      ),
    );
  }

  async enableManagedExecution(r: ManagedExecutionRequest): Promise<SubmitOutcome> {
    return this.submit('UpdateStackSet', r.stackSet, () => this.client.send(new UpdateStackSetCommand(managedExecutionInput(r, this.callAs))));
  }

  async createStackInstances(r: InstancesRequest): Promise<SubmitOutcome> {
    return this.submit('CreateStackInstances', r.stackSet, () =>
      this.client.send(
        new CreateStackInstancesCommand({ ...instancesInput(r, this.callAs), DeploymentTargets: deploymentTargets(r) }),
      ),
    );
  }

  async deleteStackInstances(r: InstancesRequest): Promise<SubmitOutcome> {
    return this.submit('DeleteStackInstances', r.stackSet, () =>
      this.client.send(
        new DeleteStackInstancesCommand({ ...instancesInput(r, this.callAs), DeploymentTargets: deploymentTargets(r), RetainStacks: false }),
      ),
    );
  }

  async updateStackInstances(r: Omit<InstancesRequest, 'accountFilter'> & { readonly accountIds: readonly string[] }): Promise<SubmitOutcome> {
    // No ParameterOverrides: the instances keep what they have (UpdateStackInstances semantics, A2).
    return this.submit('UpdateStackInstances', r.stackSet, () =>
      this.client.send(
        new UpdateStackInstancesCommand({
          ...instancesInput(r, this.callAs),
          DeploymentTargets: { OrganizationalUnitIds: [...r.ouIds], Accounts: [...r.accountIds], AccountFilterType: 'INTERSECTION' },
        }),
      ),
    );
  }

  async deleteStackSet(name: string): Promise<void> {
    await this.call('DeleteStackSet', () => this.client.send(new DeleteStackSetCommand({ StackSetName: name, CallAs: this.callAs })), name);
  }

  async detectDrift(stackSet: string, operationId: string): Promise<SubmitOutcome> {
    return this.submit('DetectStackSetDrift', stackSet, () =>
      this.client.send(new DetectStackSetDriftCommand({ StackSetName: stackSet, OperationId: operationId, CallAs: this.callAs })),
    );
  }

  async describeOperation(stackSet: string, operationId: string): Promise<OperationState> {
    const r = await this.call(
      'DescribeStackSetOperation',
      () => this.client.send(new DescribeStackSetOperationCommand({ StackSetName: stackSet, OperationId: operationId, CallAs: this.callAs })),
      stackSet,
    );
    return { status: r.StackSetOperation?.Status ?? 'RUNNING', statusReason: r.StackSetOperation?.StatusReason };
  }

  async listOperationResults(stackSet: string, operationId: string): Promise<OperationResult[]> {
    const summaries = await this.listAll('ListStackSetOperationResults', stackSet, async (NextToken) => {
      const page = await this.client.send(new ListStackSetOperationResultsCommand({ StackSetName: stackSet, OperationId: operationId, CallAs: this.callAs, NextToken }));
      return { items: page.Summaries, next: page.NextToken };
    });
    return summaries.map((s) => ({ account: s.Account ?? '', region: s.Region ?? '', status: s.Status ?? 'PENDING', statusReason: s.StatusReason }));
  }

  async listActiveOperations(stackSet: string): Promise<string[]> {
    const summaries = await this.listAll('ListStackSetOperations', stackSet, async (NextToken) => {
      const page = await this.client.send(new ListStackSetOperationsCommand({ StackSetName: stackSet, CallAs: this.callAs, NextToken }));
      return { items: page.Summaries, next: page.NextToken };
    });
    return summaries.flatMap((op) => (op.OperationId !== undefined && ACTIVE_OPERATION_STATUSES.has(op.Status ?? '') ? [op.OperationId] : []));
  }

  async readParameterOverrides(stackSet: string, account: string, region: string): Promise<Record<string, string>> {
    const r = await this.call(
      'DescribeStackInstance',
      () => this.client.send(new DescribeStackInstanceCommand({ StackSetName: stackSet, StackInstanceAccount: account, StackInstanceRegion: region, CallAs: this.callAs })),
      stackSet,
    );
    return Object.fromEntries((r.StackInstance?.ParameterOverrides ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? '']));
  }

  /** DescribeStackSet; undefined when the stack set does not exist (or is DELETED). */
  private async describeStackSet(name: string): Promise<StackSet | undefined> {
    try {
      const r = await retryThrottled(() => this.client.send(new DescribeStackSetCommand({ StackSetName: name, CallAs: this.callAs })), this.retry);
      return r.StackSet?.Status === 'DELETED' ? undefined : r.StackSet;
    } catch (error) {
      if (error instanceof Error && error.name === 'StackSetNotFoundException') return undefined;
      throw wrapCloudFormationError('DescribeStackSet', name, error);
    }
  }

  /** Every item of a listing: only a missing (or empty) NextToken ends it, whatever a page holds. */
  private async listAll<T>(operation: string, stackSet: string | undefined, fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
    const all: T[] = [];
    let token: string | undefined;
    do {
      const current = token;
      const page = await this.call(operation, () => fetch(current), stackSet);
      all.push(...(page.items ?? []));
      token = page.next;
    } while (token !== undefined && token !== '');
    return all;
  }

  private async submit(operation: string, stackSet: string, send: () => Promise<unknown>): Promise<SubmitOutcome> {
    try {
      await retryThrottled(send, this.retry);
      return 'submitted';
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      // The OperationId is an idempotency token: it exists, so an earlier run submitted this request.
      if (name === 'OperationIdAlreadyExistsException') return 'already-submitted';
      // Without managed execution only one operation runs per stack set (A5); the caller waits.
      if (name === 'OperationInProgressException') return 'busy';
      throw wrapCloudFormationError(operation, stackSet, error);
    }
  }

  private async call<T>(operation: string, send: () => Promise<T>, stackSet?: string): Promise<T> {
    try {
      return await retryThrottled(send, this.retry);
    } catch (error) {
      throw wrapCloudFormationError(operation, stackSet, error);
    }
  }
}
