/** `destroy`: rules first, then the baseline, only stack sets marked as the prefix's, verified at the end. */
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { createWorkspace } from './deploy-helpers';
import { RolloutDriver } from './rollout-driver';

jest.setTimeout(60_000);

let fakes: AwsFakes;
let driver: RolloutDriver;

const CONFIG = `regions: [us-east-1, eu-west-1]
profiles:
  web: { allowedIngress: "443", ous: [Root/Workloads] }
  mail: { allowedIngress: "25", ous: [Root/Workloads/Mail] }
`;

beforeEach(async () => {
  const org = new OrganizationFake();
  org.addTree({ 'Root/Workloads': ['222222222222'], 'Root/Workloads/Prod': ['333333333333'], 'Root/Workloads/Mail': ['444444444444'], 'Root/Other': ['555555555555'] });
  fakes = installAwsFakes({ organization: org });
  driver = new RolloutDriver(createWorkspace());
  expect((await driver.apply({ yaml: CONFIG })).code).toBe(0);
  // Another rollout in the same organization, which destroy must not touch.
  expect((await driver.apply({ yaml: `prefix: other\nregions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "80", ous: [Root/Other] }\n` })).code).toBe(0);
});
afterEach(() => fakes.restore());

describe('destroy', () => {
  it('deletes the rule stack sets, then the baseline, only this prefix\'s, and says what stays', async () => {
    // A profile removed from the config since still goes: destroy follows the marks, not the config.
    const run = await driver.destroy({ yaml: CONFIG.replace(/ {2}mail:.*\n/, '') });
    expect(run.code).toBe(0);
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['other-baseline', 'other-rule-web']);
    const deletes = fakes.stackSets.mutatingCalls().filter((c) => c.operation === 'DeleteStackSet').map((c) => c.input.StackSetName);
    expect(deletes).toEqual(['sg-guardrail-rule-mail', 'sg-guardrail-rule-web', 'sg-guardrail-baseline']);
    expect(run.output).toContain('What stays on purpose');
    expect(run.output).toContain('Verified: no stack set of prefix sg-guardrail is left.');
    expect((await driver.destroy({ yaml: CONFIG })).output).toContain('Nothing to destroy');
  });

  it('--keep-baseline keeps the recorders', async () => {
    const run = await driver.destroy({ yaml: CONFIG, keepBaseline: true });
    expect(run.code).toBe(0);
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['other-baseline', 'other-rule-web', 'sg-guardrail-baseline']);
    expect(fakes.stackSets.instances('sg-guardrail-baseline')).toHaveLength(6);
  });

  it('keeps the baseline while a rule removal failed, exits 1, and finishes on the next run', async () => {
    fakes.stackSets.failInstances({ stackSet: 'sg-guardrail-rule-web', accounts: ['333333333333'], actions: ['DELETE'], times: 1 });
    const failed = await driver.destroy({ yaml: CONFIG });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('The baseline is kept while rule stacks may still need its recorder');
    expect(fakes.stackSets.stackSetNames()).toContain('sg-guardrail-baseline');
    expect((await driver.destroy({ yaml: CONFIG })).code).toBe(0);
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['other-baseline', 'other-rule-web']);
  });
});
