/**
 * The rollout with the real templates: `apply` without --templates builds baseline and rule
 * in-process (bundle inlined) and deploys them to the fakes, which check what AWS checks on
 * CreateStackSet: TemplateBody ≤ 51,200 bytes, every parameter declared, the IAM capability. A
 * second apply with nothing changed must see the same bodies as unchanged (no mutating call). The
 * aggregator stack gets the real aggregator template the same way.
 */
import path from 'node:path';
import { buildTemplateBodies } from '../../src/deploy/plan/template-bodies';
import { TEMPLATE_PARAMETER } from '../../src/template-parameters';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { createWorkspace, runCli } from './deploy-helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const P = TEMPLATE_PARAMETER;
let fakes: AwsFakes;

beforeEach(() => {
  const org = new OrganizationFake();
  const prod = org.addOuPath('Root/Workloads/Prod');
  org.addAccount(prod, { id: '333333333333' });
  fakes = installAwsFakes({ organization: org });
});

afterEach(() => fakes.restore());

it('apply deploys the in-process build of the real baseline and rule; a second apply changes nothing', async () => {
  const ws = createWorkspace();
  const file = ws.writeConfig(
    'regions: [us-east-1]\nbaseline: { existingBucketName: central-config, existingBucketKeyPrefix: o-abc123 }\nprofiles:\n  web: { allowedIngress: "tcp:443", ous: [Root/Workloads] }\n',
  );

  const first = await runCli(['apply', '-c', file, '--yes', '--poll-seconds', '0']);
  expect(first.stderr).not.toContain('sg-guardrail apply:');
  expect(first.code).toBe(0);

  const built = await buildTemplateBodies(ROOT);
  expect(fakes.stackSets.stackSet('sg-guardrail-baseline')?.templateBody).toBe(built.baseline);
  expect(fakes.stackSets.stackSet('sg-guardrail-rule-web')?.templateBody).toBe(built.rule);
  expect(fakes.stackSets.stackSet('sg-guardrail-rule-web')?.capabilities).toEqual(['CAPABILITY_IAM']);
  const deployed = fakes.stackSets.instance('sg-guardrail-rule-web', '333333333333', 'us-east-1')?.deployed?.parameters;
  expect(deployed).toMatchObject({ [P.allowedIngress]: 'tcp:443', [P.mode]: 'enforce' });
  // The aggregator stack takes the real template: its unnamed role needs no more than CAPABILITY_IAM.
  expect(fakes.stacks.stack('sg-guardrail-aggregator')).toMatchObject({ status: 'CREATE_COMPLETE', templateBody: built.aggregator, capabilities: ['CAPABILITY_IAM'] });
  const baseline = fakes.stackSets.instance('sg-guardrail-baseline', '333333333333', 'us-east-1')?.deployed?.parameters;
  expect(baseline).toMatchObject({ [P.existingBucketName]: 'central-config', [P.existingBucketKeyPrefix]: 'o-abc123' });

  fakes.stackSets.clearCalls();
  fakes.stacks.clearCalls();
  const second = await runCli(['apply', '-c', file, '--yes', '--poll-seconds', '0']);
  expect(second.code).toBe(0);
  expect(fakes.stackSets.mutatingCalls()).toEqual([]);
  expect(fakes.stacks.mutatingCalls()).toEqual([]);
}, 120_000);
