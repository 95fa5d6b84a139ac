/** The real AWS wiring of plan/apply/status: SDK clients from the standard environment, adapters over them. */
import type { CallAs } from '../deploy/config/config-types';
import type { OrganizationReader } from '../deploy/plan/rollout';
import type { StackSetsPort } from '../deploy/stack-sets-port';
import type { StacksPort } from '../deploy/stacks-port';
import { createAwsClients } from './clients';
import { readOrganization } from './organizations-reader';
import { StackSetsAdapter } from './stack-sets';
import { StacksAdapter } from './stacks';

export interface DeployContext {
  readonly readOrganization: OrganizationReader;
  readonly port: StackSetsPort;
  /** The aggregator stack's calls (the same CloudFormation client: same account and region). */
  readonly stacks: StacksPort;
}

export function createDeployContext(callAs: CallAs): DeployContext {
  const clients = createAwsClients();
  return {
    readOrganization: async () => (await readOrganization(clients.organizations)).tree,
    port: new StackSetsAdapter(clients.cloudFormation, callAs),
    stacks: new StacksAdapter(clients.cloudFormation),
  };
}
