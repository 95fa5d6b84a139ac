/**
 * The SDK clients. Region, credentials and endpoint come from the standard SDK environment
 * (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL, ~/.aws/config): nothing here overrides them.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AWS_HTTP_TIMEOUTS } from './http-timeouts';

export interface AwsClients {
  readonly organizations: OrganizationsClient;
  readonly cloudFormation: CloudFormationClient;
}

export interface AwsClientsOptions {
  /** Shorter timeouts for tests of a server that never answers; the defaults otherwise. */
  readonly timeouts?: { readonly connectionTimeout?: number; readonly requestTimeout?: number };
}

export function createAwsClients(options: AwsClientsOptions = {}): AwsClients {
  // Adaptive retry adds client-side rate limiting on throttling: Organizations publishes no TPS and
  // throttles a fast tree walk (TooManyRequestsException); StackSets throttles Describe* polling.
  const common = { retryMode: 'adaptive', maxAttempts: 6, requestHandler: { ...AWS_HTTP_TIMEOUTS, ...options.timeouts } } as const;
  return { organizations: new OrganizationsClient(common), cloudFormation: new CloudFormationClient(common) };
}
