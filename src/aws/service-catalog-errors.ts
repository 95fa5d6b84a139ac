/** Service Catalog errors as AwsCallErrors that name the operation and the fix. */
import { AwsCallError } from '../errors';

export function wrapServiceCatalogError(operation: string, error: unknown): AwsCallError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const fixes: Record<string, string> = {
    AccessDeniedException: 'allow the servicecatalog actions listed in docs/iam.md (publish).',
    ResourceNotFoundException: 'run publish again: something it read was deleted meanwhile.',
    InvalidParametersException: /LoadTemplateFromURL|template/i.test(message)
      ? 'Service Catalog could not load the template: let it read the object (same account, or a bucket policy allowing it), then run publish again.'
      : /role/i.test(message)
        ? 'the launch role must exist in this account too: deploy dist/service-catalog/launch-role.yaml here (and in every launching account), then run publish again.'
        : 'check the message; run publish again after fixing it (it only redoes what is missing).',
    InvalidStateException: /organization/i.test(message)
      ? 'enable Organizations access for Service Catalog from the management account (`aws servicecatalog enable-aws-organizations-access`), and run from the management account or a Service Catalog delegated administrator.'
      : 'check the message, then run publish again.',
    OperationNotSupportedException: 'share with OUs from the management account or a Service Catalog delegated administrator (`aws organizations register-delegated-administrator --service-principal servicecatalog.amazonaws.com --account-id ID`).',
    LimitExceededException: 'a Service Catalog quota is reached (e.g. 10 principal name patterns per portfolio); see the Service Catalog quotas.',
    DuplicateResourceException: 'it exists already (another run?); run publish again.',
    ThrottlingException: 'Service Catalog kept throttling; wait a minute and run again.',
  };
  return new AwsCallError(`${name}: ${message}`, {
    where: `servicecatalog:${operation}`,
    fix: fixes[name] ?? 'check credentials (AWS_PROFILE), region (AWS_REGION) and network, then run again.',
    cause: error,
  });
}
