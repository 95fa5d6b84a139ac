/**
 * The Service Catalog launch role grants what creating the standalone stack takes, derived from the
 * standalone template's resources: every resource type it declares has its permissions, none other
 * does, every action belongs to its type's service, and only the services the stack's roles trust
 * receive a passed role.
 */
import { plainTemplate } from './fixtures';
import type { JsonObject } from './template-lint';
import { RESOURCE_PERMISSIONS, STACK_ACTIONS, TEMPLATE_ACTIONS } from '../../../templates/launch-role-permissions';

const standalone = plainTemplate('standalone');
const resources = Object.values(standalone.Resources as Record<string, JsonObject>);
const types = [...new Set(resources.map((r) => r.Type as string))].sort();
const role = (plainTemplate('launch-role').Resources as Record<string, JsonObject>).LaunchRole as JsonObject;
const statements = ((((role.Properties as JsonObject).Policies as JsonObject[])[0] as JsonObject).PolicyDocument as JsonObject).Statement as JsonObject[];
const actions = statements.flatMap((s) => ([] as unknown[]).concat(s.Action) as string[]);
const SERVICE: Readonly<Record<string, string>> = { IAM: 'iam', S3: 's3', Config: 'config', Lambda: 'lambda', Logs: 'logs' };

describe('the launch role', () => {
  it('has permissions for exactly the resource types of the standalone template', () => {
    expect(Object.keys(RESOURCE_PERMISSIONS).sort()).toEqual(types);
  });

  it('grants exactly what those types need, plus running the stack and reading the template', () => {
    const expected = new Set<string>([...STACK_ACTIONS, ...TEMPLATE_ACTIONS, 's3:GetObject', 'iam:PassRole']);
    for (const type of types) for (const grant of RESOURCE_PERMISSIONS[type]?.grants ?? []) grant.actions.forEach((a) => expected.add(a));
    expect([...new Set(actions)].sort()).toEqual([...expected].sort());
  });

  it.each(Object.entries(RESOURCE_PERMISSIONS))('%s: only actions of its own service, no wildcard', (type, permissions) => {
    const service = SERVICE[type.split('::')[1] as string];
    for (const grant of permissions.grants) for (const action of grant.actions) expect(action).toMatch(new RegExp(`^${service}:[A-Za-z]+$`));
  });

  it('passes roles only to the services the stack\'s roles trust, and only the stack\'s own roles', () => {
    const trusted = resources
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap((r) => (((r.Properties as JsonObject).AssumeRolePolicyDocument as JsonObject).Statement as JsonObject[]).map((s) => (s.Principal as JsonObject).Service as string))
      .sort();
    const pass = statements.find((s) => s.Action === 'iam:PassRole') as JsonObject;
    expect((pass.Condition as any).StringEquals['iam:PassedToService']).toEqual(trusted);
    expect(pass.Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/SC-*' });
  });

  it('is assumed by Service Catalog only, reads only provisioning artifacts, and runs only SC- stacks', () => {
    expect(((role.Properties as JsonObject).AssumeRolePolicyDocument as any).Statement).toEqual([
      { Sid: 'AssumedByService', Effect: 'Allow', Principal: { Service: 'servicecatalog.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(statements.find((s) => s.Action === 's3:GetObject')?.Condition).toEqual({ StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } });
    expect(statements.find((s) => s.Sid === 'RunServiceCatalogStacks')?.Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/SC-*' });
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });
});
