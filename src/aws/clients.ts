/**
 * The SDK clients of the rollout. Region, credentials and endpoint come from the standard SDK
 * environment (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL, ~/.aws/config): nothing here overrides them.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { TimeoutOverrides } from './client-options';
import { sdkClientOptions } from './client-options';

export interface AwsClients {
  readonly organizations: OrganizationsClient;
  readonly cloudFormation: CloudFormationClient;
}

export interface AwsClientsOptions {
  /** Shorter timeouts for tests of a server that never answers; the defaults otherwise. */
  readonly timeouts?: TimeoutOverrides;
}

export function createAwsClients(options: AwsClientsOptions = {}): AwsClients {
  const common = sdkClientOptions(options.timeouts);
  return { organizations: new OrganizationsClient(common), cloudFormation: new CloudFormationClient(common) };
}
