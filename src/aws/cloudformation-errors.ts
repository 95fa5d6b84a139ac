/** CloudFormation errors as AwsCallErrors that name the operation, the stack set and the fix. */
import { AwsCallError } from '../errors';
import { sdkEnvironmentError } from './sdk-environment';

export function wrapCloudFormationError(operation: string, stackSet: string | undefined, error: unknown): AwsCallError {
  const where = `cloudformation:${operation}${stackSet === undefined ? '' : ` (${stackSet})`}`;
  const environment = sdkEnvironmentError(where, error);
  if (environment !== undefined) return environment;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const fixes: Record<string, string> = {
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
  };
  return new AwsCallError(`${name}: ${message}`, {
    where,
    fix: fixes[name] ?? 'check credentials (AWS_PROFILE), region (AWS_REGION) and network, then run again.',
    cause: error,
  });
}
