/**
 * The SDK clients. Region, credentials and endpoint come from the standard SDK environment
 * (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL, ~/.aws/config): nothing here overrides them.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SDK_CLIENT_OPTIONS } from './client-options';

export interface AwsClients {
  readonly organizations: OrganizationsClient;
  readonly cloudFormation: CloudFormationClient;
}

export function createAwsClients(): AwsClients {
  return { organizations: new OrganizationsClient(SDK_CLIENT_OPTIONS), cloudFormation: new CloudFormationClient(SDK_CLIENT_OPTIONS) };
}
