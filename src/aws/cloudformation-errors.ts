/** CloudFormation errors as AwsCallErrors that name the operation, the stack set (or stack) and the fix. */
import { AwsCallError } from '../errors';
import { sdkEnvironmentError } from './sdk-environment';

const OTHERWISE = 'check credentials (AWS_PROFILE), region (AWS_REGION) and network, then run again.';

/** The error as an AwsCallError at `where`, with the fix for its name from `fixes` (the message picks a fix). */
function toCallError(where: string, error: unknown, fixes: (name: string, message: string) => Readonly<Record<string, string>>): AwsCallError {
  const environment = sdkEnvironmentError(where, error);
  if (environment !== undefined) return environment;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new AwsCallError(`${name}: ${message}`, { where, fix: fixes(name, message)[name] ?? OTHERWISE, cause: error });
}

export function wrapCloudFormationError(operation: string, stackSet: string | undefined, error: unknown): AwsCallError {
  return toCallError(`cloudformation:${operation}${stackSet === undefined ? '' : ` (${stackSet})`}`, error, (_name, message) => ({
    AccessDeniedException: 'allow the cloudformation StackSet actions listed in docs/iam.md (the deployer).',
    AccessDenied: 'allow the cloudformation StackSet actions listed in docs/iam.md (the deployer).',
    ValidationError: message.includes('delegated administrator')
      ? 'register this account as StackSets delegated administrator, or set callAs: SELF and run from the management account. To register it, from the management account: `aws organizations register-delegated-administrator --service-principal member.org.stacksets.cloudformation.amazonaws.com --account-id ACCOUNT_ID`.'
      : 'check the message; if it names trusted access, activate trusted access for StackSets in the Organizations console.',
    StackSetNotFoundException: 'run plan again: the stack set was deleted meanwhile.',
    NameAlreadyExistsException: 'another run created the stack set meanwhile; run plan again.',
    OperationNotFoundException: 'run plan again.',
    StaleRequestException: 'another operation changed the stack set since it was read; run plan again.',
    LimitExceededException: 'a StackSets quota is reached (stack sets, instances or queued operations); see the CloudFormation quotas page.',
    StackInstanceNotFoundException: 'run plan again: the instance was deleted meanwhile.',
    InvalidOperationException: 'check the message; the stack set may have instances in a state (INOPERABLE) that blocks the change.',
    InsufficientCapabilitiesException: 'sg-guardrail acknowledges CAPABILITY_IAM only (its templates create unnamed IAM resources); use templates built by `npm run build`.',
  }));
}

/** A failed call on a plain stack (the aggregator stack), with the fix for the stack APIs' errors. */
export function wrapStackError(operation: string, stack: string, error: unknown): AwsCallError {
  const denied = 'allow the CloudFormation stack actions and the aggregator resources\' actions listed in docs/iam.md (the deployer).';
  return toCallError(`cloudformation:${operation} (stack ${stack})`, error, (_name, message) => ({
    AccessDeniedException: denied,
    AccessDenied: denied,
    AlreadyExistsException: 'another run created the stack meanwhile; run plan again.',
    TokenAlreadyExistsException: 'run apply again: it sends a new ClientRequestToken.',
    InsufficientCapabilitiesException: 'sg-guardrail acknowledges CAPABILITY_IAM only (the aggregator template\'s role is unnamed); use the template `npm run build` writes.',
    LimitExceededException: 'a CloudFormation quota is reached (stacks per account and region); delete unused stacks or raise the quota.',
    ValidationError: / state and can not be updated/.test(message)
      ? 'wait until CloudFormation is done with the stack (CloudFormation console → Stacks → Events), then run apply again.'
      : 'check the message; run plan again to see the stack as it is now.',
  }));
}
