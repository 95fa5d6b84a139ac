/**
 * In-memory fakes of the AWS Organizations and CloudFormation StackSets APIs, wired to the real SDK
 * clients. Start with `installAwsFakes()`; see each module's header for its API and simplifications.
 */
export { installAwsFakes } from './install-aws-fakes';
export type { AwsFakes, InstallAwsFakesOptions } from './install-aws-fakes';
export { OrganizationFake, STACKSETS_SERVICE_PRINCIPAL } from './organization-fake';
export type { AccountStatus, AddAccountOptions, FakeAccount, FakeOu, OrganizationChange, OrganizationFakeOptions } from './organization-fake';
export { StackSetsFake, DEFAULT_AUTO_ADVANCE_ON, STACKSETS_MUTATING_OPERATIONS } from './stacksets-fake';
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
export { MAX_OUS_PER_CALL, MAX_TEMPLATE_BODY_BYTES } from './stacksets-support';
export type { PageShape } from './paging';
export type { RecordedCall } from './call-recorder';
