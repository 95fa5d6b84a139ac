/**
 * The stacks adapter: every call on plain CloudFormation stacks (the aggregator stack). No CallAs:
 * stacks live in the caller's own account and region. Each mutating call carries a
 * ClientRequestToken, so a retried request is recognised as the same one, and so the operation's
 * events can be told apart ("All events initiated by a given stack operation are assigned the same
 * client request token", https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html).
 */
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient, Parameter, Stack, StackEvent as SdkStackEvent, Tag } from '@aws-sdk/client-cloudformation';
import type { StackDefinition, StackEvent, StackState, StacksPort, UpdateOutcome } from '../deploy/stacks-port';
import { wrapStackError } from './cloudformation-errors';
import { retryThrottled } from './retry';
import type { RetryOptions } from './retry';

/** The aggregator template's role is unnamed (CAPABILITY_NAMED_IAM would be needed for a named one). */
const CAPABILITIES = ['CAPABILITY_IAM' as const];
/** How many DescribeStackEvents pages (100 events each) are read looking for an operation's events. */
const MAX_EVENT_PAGES = 10;

export class StacksAdapter implements StacksPort {
  constructor(
    private readonly client: CloudFormationClient,
    private readonly retry: RetryOptions = {},
  ) {}

  async describeStack(nameOrId: string): Promise<StackState | undefined> {
    try {
      const r = await retryThrottled(() => this.client.send(new DescribeStacksCommand({ StackName: nameOrId })), this.retry);
      const stack = r.Stacks?.[0];
      return stack === undefined ? undefined : toStackState(stack, nameOrId);
    } catch (error) {
      // DescribeStacks answers ValidationError "Stack with id X does not exist" for a stack it does not know.
      if (isMissingStack(error)) return undefined;
      throw wrapStackError('DescribeStacks', nameOrId, error);
    }
  }

  async readTemplate(stackId: string): Promise<string> {
    const r = await this.call('GetTemplate', stackId, () => this.client.send(new GetTemplateCommand({ StackName: stackId, TemplateStage: 'Original' })));
    return r.TemplateBody ?? '';
  }

  async createStack(d: StackDefinition, clientRequestToken: string): Promise<string> {
    const r = await this.call('CreateStack', d.name, () =>
      this.client.send(
        new CreateStackCommand({
          ...definitionInput(d),
          // The default, said explicitly: a failed create rolls back and stays as ROLLBACK_COMPLETE
          // with its events, which apply reads, then deletes and creates again on the next run.
          OnFailure: 'ROLLBACK',
          ClientRequestToken: clientRequestToken,
        }),
      ),
    );
    return r.StackId ?? d.name;
  }

  async updateStack(d: StackDefinition, clientRequestToken: string): Promise<UpdateOutcome> {
    try {
      await retryThrottled(() => this.client.send(new UpdateStackCommand({ ...definitionInput(d), ClientRequestToken: clientRequestToken })), this.retry);
      return 'updating';
    } catch (error) {
      // UpdateStack answers ValidationError "No updates are to be performed." when nothing differs.
      if (error instanceof Error && error.name === 'ValidationError' && error.message.includes('No updates are to be performed')) return 'no-changes';
      throw wrapStackError('UpdateStack', d.name, error);
    }
  }

  async deleteStack(stackId: string, clientRequestToken: string): Promise<void> {
    await this.call('DeleteStack', stackId, () => this.client.send(new DeleteStackCommand({ StackName: stackId, ClientRequestToken: clientRequestToken })));
  }

  async operationEvents(stackId: string, clientRequestToken: string): Promise<StackEvent[]> {
    const events: StackEvent[] = [];
    let token: string | undefined;
    // Newest first: the operation's events come before any older operation's, so reading stops there.
    for (let page = 0; page < MAX_EVENT_PAGES; page += 1) {
      const current = token;
      const r = await this.call('DescribeStackEvents', stackId, () => this.client.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: current })));
      const all = (r.StackEvents ?? []).map(toStackEvent);
      const mine = all.filter((e) => e.clientRequestToken === clientRequestToken);
      events.push(...mine);
      const passedIt = events.length > 0 && all.some((e) => e.clientRequestToken !== clientRequestToken);
      token = r.NextToken;
      if (passedIt || token === undefined || token === '') break;
    }
    return events;
  }

  private async call<T>(operation: string, stack: string, send: () => Promise<T>): Promise<T> {
    try {
      return await retryThrottled(send, this.retry);
    } catch (error) {
      throw wrapStackError(operation, stack, error);
    }
  }
}

function isMissingStack(error: unknown): boolean {
  return error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message);
}

function definitionInput(d: StackDefinition): { StackName: string; TemplateBody: string; Parameters: Parameter[]; Capabilities: typeof CAPABILITIES; Tags: Tag[] } {
  return {
    StackName: d.name,
    TemplateBody: d.templateBody,
    Parameters: d.parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
    Capabilities: CAPABILITIES,
    Tags: Object.entries(d.tags)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([Key, Value]) => ({ Key, Value })),
  };
}

function toStackState(s: Stack, asked: string): StackState {
  return {
    stackId: s.StackId ?? asked,
    name: s.StackName ?? asked,
    status: s.StackStatus ?? 'CREATE_IN_PROGRESS',
    statusReason: s.StackStatusReason,
    parameters: Object.fromEntries((s.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
    tags: Object.fromEntries((s.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
}

function toStackEvent(e: SdkStackEvent): StackEvent {
  return {
    logicalId: e.LogicalResourceId ?? '',
    resourceType: e.ResourceType ?? '',
    status: e.ResourceStatus ?? '',
    reason: e.ResourceStatusReason,
    clientRequestToken: e.ClientRequestToken,
  };
}
