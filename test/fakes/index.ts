/**
 * In-memory fakes of the AWS Organizations and CloudFormation StackSets APIs with real semantics,
 * served through the real SDK v3 clients (aws-sdk-client-mock on the client classes).
 *
 *   import { installAwsFakes } from './index';
 *
 *   const fakes = installAwsFakes();                 // or ({ organization, stackSets, stackSetsOptions })
 *   const { organization: org, stackSets } = fakes;
 *   const ous = org.addTree({ 'Root/Workloads': ['222222222222'], 'Root/Workloads/Prod': 2 });
 *
 *   await runApply();                                 // code under test: new CloudFormationClient({}) …
 *   stackSets.settle();                               // finish whatever it left running
 *   expect(stackSets.instance('sg-guardrail-rule-web', '222222222222', 'us-east-1')?.deployed?.parameters)
 *     .toEqual({ AllowedIngress: '80,443', … });
 *   expect(stackSets.callsWithoutCallAs()).toEqual([]);
 *
 *   stackSets.failInstances({ accounts: ['222222222222'], regions: ['eu-west-1'] }); // next ops fail there
 *   org.moveAccount('222222222222', ous['Root/Workloads/Prod']);                     // auto-deployment
 *   org.setPageShape({ emptyPages: 'interleaved', pageSizeCap: 3 }); org.throttle(2);
 *   stackSets.clearCalls(); await runApply(); expect(stackSets.mutatingCalls()).toEqual([]);
 *   fakes.restore();
 *
 * Operations progress one step per `stackSets.tick()` and per first page of DescribeStackSetOperation,
 * ListStackInstances, ListStackSetOperations and ListStackSetOperationResults, so a poller sees
 * RUNNING and then SUCCEEDED/FAILED. Each module's header lists its semantics and simplifications:
 * organization-fake.ts / organization-api.ts, stacksets-fake.ts, stacksets-engine.ts,
 * stacksets-auto-deployment.ts, stacksets-commands.ts, stacksets-queries.ts, paging.ts; plain stacks
 * (the aggregator stack): stacks-fake.ts and stacks-commands.ts (`fakes.stacks`).
 */
export { installAwsFakes } from './install-aws-fakes';
export type { AwsFakes, InstallAwsFakesOptions } from './install-aws-fakes';
export { OrganizationFake, STACKSETS_SERVICE_PRINCIPAL } from './organization-fake';
export type { AccountStatus, AddAccountOptions, FakeAccount, FakeOu, OrganizationChange, OrganizationFakeOptions } from './organization-fake';
export { StackSetsFake, DEFAULT_AUTO_ADVANCE_ON, STACKSETS_MUTATING_OPERATIONS } from './stacksets-fake';
export { StacksFake, DEFAULT_STACK_FAILURE_REASON, STACKS_MUTATING_OPERATIONS } from './stacks-fake';
export type { FakeStack, FakeStackEvent, StackAction, StackFailureRule } from './stacks-fake';
export type { StackSetsFakeOptions } from './stacksets-fake';
export { CANCELLED_REASON, DEFAULT_FAILURE_REASON } from './stacksets-engine';
export type { DriftRule, FailureRule } from './stacksets-engine';
export type {
  DetailedStatus,
  DriftStatus,
  FakeInstance,
  FakeOperation,
  FakeStackSet,
  InstanceStatus,
  OperationAction,
  OperationStatus,
  ResultStatus,
} from './stacksets-model';
export { MAX_OUS_PER_CALL, MAX_TEMPLATE_BODY_BYTES, MAX_TEMPLATE_URL_BYTES } from './stacksets-support';
export type { PageShape } from './paging';
export type { RecordedCall } from './call-recorder';
export { OrganizationTree } from './organization-tree';
