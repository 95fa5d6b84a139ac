/** The plan's warnings about the config itself: wide-open ingress and skip OUs that skip nothing. */
import { WIDE_PORT_RANGE, describeConfigWarnings } from '../../../src/deploy/plan/config-warnings';
import { planRollout } from '../../../src/deploy/plan/planner';
import { TEMPLATES, config, orgFromPaths } from './fixtures';

const ORG = orgFromPaths({ 'Root/Workloads': 2, 'Root/Workloads/Mail': 1, 'Root/Sandbox': 1, 'Root/ControlTower': 1 });

const warningsFor = (yaml: string): string[] =>
  describeConfigWarnings({ config: config(`regions: [us-east-1]\n${yaml}`), org: ORG }).map((w) => `${w.kind}: ${w.message}`);
const profile = (ingress: string, extra = ''): string => `profiles:\n  web: { allowedIngress: "${ingress}", ous: [Root/Workloads]${extra} }\n`;

describe('describeConfigWarnings: ingress open to the world', () => {
  it.each([
    ['all traffic from anywhere', 'all', ['world-open-all: profile web allows all traffic (every protocol and port) from 0.0.0.0/0 and ::/0; the rule keeps every security group in its OUs open that way.']],
    ['all from IPv4 anywhere only', 'all@0.0.0.0/0', ['world-open-all: profile web allows all traffic (every protocol and port) from 0.0.0.0/0; the rule keeps every security group in its OUs open that way.']],
    ['every tcp port', 'tcp:*', ['wide-port-range: profile web allows tcp 0-65535 (65,536 ports) from 0.0.0.0/0 and ::/0; the rule keeps every security group in its OUs open that way.']],
    [`a range of ${WIDE_PORT_RANGE + 1} ports`, 'udp:1000-2000@::/0', ['wide-port-range: profile web allows udp 1000-2000 (1,001 ports) from ::/0; the rule keeps every security group in its OUs open that way.']],
    [`a range of exactly ${WIDE_PORT_RANGE} ports`, '1000-1999', []],
    ['single ports', '22,80,443,8443', []],
    ['all, from a private network', 'all@10.0.0.0/8', []],
    ['a wide range from a security group', 'tcp:*@sg-0123456789abcdef0', []],
    ['icmp of every type', 'icmp:*', []],
  ])('%s', (_name, ingress, expected) => {
    expect(warningsFor(profile(ingress))).toEqual(expected);
  });

  it('report mode says what report mode does with such groups', () => {
    expect(warningsFor(profile('all', ', mode: report'))).toEqual([
      'world-open-all: profile web allows all traffic (every protocol and port) from 0.0.0.0/0 and ::/0; report mode: groups open that way count as COMPLIANT.',
    ]);
  });

  it('wide ranges and all together, each once, with the remedy naming the field', () => {
    const warnings = describeConfigWarnings({ config: config(`regions: [us-east-1]\n${profile('all,tcp:*,udp:*,443')}`), org: ORG });
    expect(warnings.map((w) => w.kind)).toEqual(['world-open-all', 'wide-port-range', 'wide-port-range']);
    for (const w of warnings) expect(w.remedy).toContain('profiles.web.allowedIngress');
  });
});

describe('describeConfigWarnings: skip OUs that skip nothing', () => {
  it.each([
    ['not in the organization, with the closest path', 'Root/ControlTowr', ['skip-ou-not-found: baseline.skipOus[0]: OU "Root/ControlTowr" is not in the organization, so it skips nothing.']],
    ['outside every profile', 'Root/ControlTower', ['skip-ou-outside-profiles: baseline.skipOus[0]: OU "Root/ControlTower" lies outside every profile\'s OUs, so skipping it changes nothing (the baseline goes only where a profile does).']],
    ['inside a profile', 'Root/Workloads/Mail', []],
    ['holding a profile\'s OU', 'Root', []],
    ['by id, inside a profile', 'ou-root-workloadsmail', []],
  ])('%s', (_name, skip, expected) => {
    expect(warningsFor(`baseline: { skipOus: [${skip}] }\n${profile('443')}`)).toEqual(expected);
  });

  it('the remedy of a misspelt one names the closest OU', () => {
    const [warning] = describeConfigWarnings({ config: config(`regions: [us-east-1]\nbaseline: { skipOus: [Root/ControlTowr] }\n${profile('443')}`), org: ORG });
    expect(warning?.remedy).toBe('did you mean "Root/ControlTower"? Otherwise remove it from org.yaml.');
  });
});

describe('planRollout carries the config warnings', () => {
  it('plans (not fails) with a skip OU that is not in the organization, and warns', () => {
    const plan = planRollout({
      config: config(`regions: [us-east-1]\nbaseline: { skipOus: [Root/Nope] }\n${profile('all')}`),
      org: ORG,
      current: [],
      templates: TEMPLATES,
      prune: false,
    });
    expect(plan.warnings.map((w) => w.kind)).toEqual(['world-open-all', 'skip-ou-not-found']);
    expect(plan.steps.length).toBeGreaterThan(0);
  });
});
