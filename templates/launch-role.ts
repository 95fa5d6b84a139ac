/**
 * The Service Catalog launch role (dist/service-catalog/launch-role.yaml): the role Service Catalog
 * assumes to launch, update and terminate the standalone product, so users need no IAM rights of
 * their own. It grants exactly what creating that stack takes (launch-role-permissions.ts), scoped to
 * the names of Service Catalog's stacks. Named (the launch constraint names it, and the same name must
 * exist in every launching account), so it needs CAPABILITY_NAMED_IAM; deploy it once per account.
 */
import { Fn, IAM, StringParameter } from './cloudform';
import type { GuardrailTemplate } from './compose';
import { composeTemplate } from './compose';
import { SERVICE_PRINCIPAL, policyDocument, serviceTrustPolicy } from './iam-policy';
import { sub } from './intrinsics';
import { LAUNCH_ROLE_PARAMETER as P, LOGICAL_ID, OUTPUT } from './logical-ids';
import type { LaunchResource } from './launch-role-permissions';
import { LAUNCH_RESOURCE_ARNS, RESOURCE_PERMISSIONS, STACK_ACTIONS, TEMPLATE_ACTIONS } from './launch-role-permissions';

export const LAUNCH_ROLE_PURPOSE = 'Service Catalog launch role: what creating, updating and deleting the standalone guardrail stack takes.';
export const DEFAULT_LAUNCH_ROLE_NAME = 'SCLaunch-sg-guardrail';

/** One statement per resource scope, actions sorted: the grants of every resource type, merged. */
export function launchRoleStatements(resourceTypes: readonly string[]): unknown[] {
  const byScope = new Map<LaunchResource, Set<string>>();
  const passTo = new Set<string>();
  for (const type of resourceTypes) {
    const permissions = RESOURCE_PERMISSIONS[type];
    if (permissions === undefined) continue;
    for (const grant of permissions.grants) {
      const actions = byScope.get(grant.on) ?? new Set<string>();
      grant.actions.forEach((a) => actions.add(a));
      byScope.set(grant.on, actions);
    }
    if (permissions.passesRoleTo !== undefined) passTo.add(permissions.passesRoleTo);
  }
  const sid: Readonly<Record<LaunchResource, string>> = {
    roles: 'ManageStackRoles',
    buckets: 'ManageDeliveryBucket',
    functions: 'ManageFunction',
    logGroups: 'ManageFunctionLogGroup',
    anyLogGroup: 'ListLogGroups',
    any: 'ManageResourcesWithoutArns',
  };
  const resource = (scope: LaunchResource): unknown => (scope === 'any' ? '*' : sub(LAUNCH_RESOURCE_ARNS[scope]));
  return [
    { Sid: 'RunServiceCatalogStacks', Effect: 'Allow', Action: [...STACK_ACTIONS], Resource: sub('arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/SC-*') },
    { Sid: 'ReadTemplates', Effect: 'Allow', Action: [...TEMPLATE_ACTIONS], Resource: '*' },
    {
      Sid: 'ReadProvisioningArtifacts',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } },
    },
    ...[...byScope].sort(([a], [b]) => a.localeCompare(b)).map(([scope, actions]) => ({ Sid: sid[scope], Effect: 'Allow', Action: [...actions].sort(), Resource: resource(scope) })),
    ...(passTo.size === 0
      ? []
      : [{ Sid: 'PassStackRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: sub(LAUNCH_RESOURCE_ARNS.roles), Condition: { StringEquals: { 'iam:PassedToService': [...passTo].sort() } } }]),
  ];
}

export function buildLaunchRoleTemplate(props: { readonly resourceTypes: readonly string[] }): GuardrailTemplate {
  return composeTemplate({
    purpose: LAUNCH_ROLE_PURPOSE,
    fragments: [
      {
        Parameters: {
          [P.roleName]: new StringParameter({
            Description: 'Name of the role; the launch constraint names it (serviceCatalog.launchRoleName in the rollout config), so it must be the same in every launching account.',
            Default: DEFAULT_LAUNCH_ROLE_NAME,
            AllowedPattern: '^[A-Za-z0-9+=,.@_-]{1,64}$',
            ConstraintDescription: 'type an IAM role name: 1-64 letters, digits and + = , . @ _ -.',
          }),
        },
        Resources: {
          [LOGICAL_ID.launchRole]: new IAM.Role({
            RoleName: Fn.Ref(P.roleName),
            Description: 'Service Catalog launch role for the sg-guardrail product',
            AssumeRolePolicyDocument: serviceTrustPolicy(SERVICE_PRINCIPAL.serviceCatalog, { fromThisAccountOnly: false }),
            Policies: [{ PolicyName: 'launch-sg-guardrail', PolicyDocument: policyDocument(launchRoleStatements(props.resourceTypes)) }],
          }),
        },
        Outputs: { [OUTPUT.launchRoleArn]: { Description: 'ARN of the launch role', Value: Fn.GetAtt(LOGICAL_ID.launchRole, 'Arn') } },
      },
    ],
  });
}
