/**
 * Wires the fakes to the real AWS SDK v3 clients (StackSets and plain stacks share the CloudFormation client). `mockClient` stubs `send` on the client classes'
 * prototypes, so every `OrganizationsClient` / `CloudFormationClient` the code under test creates,
 * before or after this call, is intercepted; each supported command is routed to the fake with
 * `on(Command).callsFake`, and any other command fails loudly with its name.
 *
 *   const fakes = installAwsFakes();                         // a fresh org + StackSets service
 *   const { organization: org, stackSets } = fakes;
 *   org.addAccount(org.addOuPath('Root/Workloads'), { id: '222222222222' });
 *   await runTheCodeUnderTest();
 *   expect(stackSets.mutatingCalls()).toEqual([]);
 *   fakes.restore();                                         // in afterEach
 *
 * Note: with `send` stubbed the SDK middleware (serialization, retries) does not run, so injected
 * throttling errors reach the caller on the first attempt; responses are the modelled output shapes.
 * To override one command in a test, use `fakes.cloudFormationMock.on(Command)…` (calling
 * `mockClient` again would replace the whole routing).
 */
import * as cfn from '@aws-sdk/client-cloudformation';
import * as orgs from '@aws-sdk/client-organizations';
import type { AwsStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import { handleOrganizationsCommand, ORGANIZATIONS_HANDLERS } from './organization-api';
import { OrganizationFake } from './organization-fake';
import { STACKS_HANDLERS } from './stacks-commands';
import { StacksFake } from './stacks-fake';
import { STACKSETS_COMMANDS } from './stacksets-commands';
import type { StackSetsFakeOptions } from './stacksets-fake';
import { StackSetsFake } from './stacksets-fake';
import { STACKSETS_QUERIES } from './stacksets-queries';

export interface InstallAwsFakesOptions {
  readonly organization?: OrganizationFake;
  /** Must be built on the same organization; created (with `stackSetsOptions`) when omitted. */
  readonly stackSets?: StackSetsFake;
  readonly stackSetsOptions?: StackSetsFakeOptions;
  /** Plain CloudFormation stacks (the aggregator stack); created in the management account when omitted. */
  readonly stacks?: StacksFake;
}

export interface AwsFakes {
  readonly organization: OrganizationFake;
  readonly stackSets: StackSetsFake;
  readonly stacks: StacksFake;
  readonly organizationsMock: AwsStub<any, any, any>;
  readonly cloudFormationMock: AwsStub<any, any, any>;
  /** Puts the real `send` back on both client classes. */
  restore(): void;
}

type CommandClass = abstract new (...args: any[]) => { readonly input: object };

/** `ListRoots` → `ListRootsCommand` exported by the client package (fails if the SDK lacks it). */
function commandClass(pkg: Record<string, unknown>, operation: string): CommandClass {
  const found = pkg[`${operation}Command`];
  if (typeof found !== 'function') throw new Error(`installAwsFakes: the SDK has no ${operation}Command`);
  return found as CommandClass;
}

function unsupported(service: string) {
  return (command: object): Promise<never> =>
    Promise.reject(
      new Error(`installAwsFakes: ${service} command ${command.constructor.name} is not supported by the fakes; add it to test/fakes or mock it in the test.`),
    );
}

export function installAwsFakes(options: InstallAwsFakesOptions = {}): AwsFakes {
  const organization = options.organization ?? options.stackSets?.org ?? new OrganizationFake();
  const stackSets = options.stackSets ?? new StackSetsFake(organization, options.stackSetsOptions);
  if (stackSets.org !== organization) throw new Error('installAwsFakes: stackSets must be built on the given organization');
  const stacks = options.stacks ?? new StacksFake(organization.managementAccountId);

  const organizationsMock = mockClient(orgs.OrganizationsClient);
  organizationsMock.send.callsFake(unsupported('Organizations'));
  for (const operation of Object.keys(ORGANIZATIONS_HANDLERS)) {
    organizationsMock
      .on(commandClass(orgs, operation) as any)
      .callsFake((input: Record<string, unknown>) => handleOrganizationsCommand(organization, operation, input));
  }

  const cloudFormationMock = mockClient(cfn.CloudFormationClient);
  cloudFormationMock.send.callsFake(unsupported('CloudFormation'));
  for (const operation of [...Object.keys(STACKSETS_COMMANDS), ...Object.keys(STACKSETS_QUERIES)]) {
    cloudFormationMock
      .on(commandClass(cfn, operation) as any)
      .callsFake((input: Record<string, unknown>) => stackSets.handle(operation, input));
  }
  for (const operation of Object.keys(STACKS_HANDLERS)) {
    cloudFormationMock.on(commandClass(cfn, operation) as any).callsFake((input: Record<string, unknown>) => stacks.handle(operation, input));
  }

  return {
    organization,
    stackSets,
    stacks,
    organizationsMock,
    cloudFormationMock,
    restore: () => {
      organizationsMock.restore();
      cloudFormationMock.restore();
    },
  };
}
