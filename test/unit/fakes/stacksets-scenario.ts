// Shared scenario for the StackSets fake tests: a small organization and a template with defaults.
import { CloudFormationClient, CreateStackSetCommand } from '@aws-sdk/client-cloudformation';
import type { AwsFakes } from '../../fakes/index';
import { installAwsFakes, OrganizationFake } from '../../fakes/index';
import type { StackSetsFakeOptions } from '../../fakes/index';

export const TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { AllowedPorts: { Type: 'String', Default: '443' }, Mode: { Type: 'String', Default: 'report' } },
  Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
});

export interface Scenario {
  readonly fakes: AwsFakes;
  readonly client: CloudFormationClient;
  /** Root/Workloads (1 account: 222…2) ⊃ Root/Workloads/Prod (2 accounts: 333…3, 444…4); Root has the management account. */
  readonly ous: { readonly workloads: string; readonly prod: string; readonly sandbox: string };
}

export function buildScenario(options: StackSetsFakeOptions = {}): Scenario {
  const org = new OrganizationFake();
  const workloads = org.addOuPath('Root/Workloads');
  const prod = org.addOuPath('Root/Workloads/Prod');
  const sandbox = org.addOuPath('Root/Sandbox');
  org.addAccount(workloads, { id: '222222222222' });
  org.addAccount(prod, { id: '333333333333' });
  org.addAccount(prod, { id: '444444444444' });
  org.addAccount(sandbox, { id: '555555555555' });
  const fakes = installAwsFakes({ organization: org, stackSetsOptions: options });
  return { fakes, client: new CloudFormationClient({}), ous: { workloads, prod, sandbox } };
}

export async function createStackSet(
  client: CloudFormationClient,
  name: string,
  extra: { managed?: boolean; parameters?: Record<string, string>; dependsOn?: string[] } = {},
): Promise<void> {
  await client.send(
    new CreateStackSetCommand({
      StackSetName: name,
      TemplateBody: TEMPLATE,
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false, DependsOn: extra.dependsOn },
      ManagedExecution: { Active: extra.managed ?? false },
      Parameters: Object.entries(extra.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }),
  );
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}
