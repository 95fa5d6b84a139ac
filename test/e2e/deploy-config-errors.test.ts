/** Every class of bad config: its message names the file, the path and the fix, and no AWS call is made. */
import { installAwsFakes } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { createWorkspace, runCli } from './deploy-helpers';

let fakes: AwsFakes;
beforeEach(() => {
  fakes = installAwsFakes();
});
afterEach(() => fakes.restore());

const OK_PROFILE = 'profiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n';

describe('sg-guardrail plan with a bad config', () => {
  it.each([
    ['YAML syntax', 'regions: [us-east-1\n', /org\.yaml:line \d+, column \d+: is not valid YAML.*Fix: correct the YAML syntax/],
    ['a key given twice', `regions: [us-east-1]\nregions: [eu-west-1]\n${OK_PROFILE}`, /is not valid YAML.*Fix:/],
    ['an empty file', '', /org\.yaml: the file is empty\. Fix: start from examples\/organization\.yaml/],
    ['a missing field', OK_PROFILE, /org\.yaml:regions: is missing\. Fix: add it \(The regions/],
    ['a region name without its number', `regions: [us-east-1, eu-west]\n${OK_PROFILE}`, /org\.yaml:regions\[1\]: "eu-west" is not an AWS region\. Fix: did you mean "eu-west-1" \(Europe \(Ireland\)\)\?/],
    ['a misspelt region', `regions: [us-east-1, eu-wset-1]\n${OK_PROFILE}`, /org\.yaml:regions\[1\]: "eu-wset-1" is not an AWS region\. Fix: did you mean "eu-west-1" \(Europe \(Ireland\)\)\?/],
    ['a made-up region', `regions: [xx-nowhere-9]\n${OK_PROFILE}`, /org\.yaml:regions\[0\]: "xx-nowhere-9" is not an AWS region\. Fix: write a region name such as us-east-1/],
    ['a malformed OU id', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [ou-xyz] }\n`, /org\.yaml:profiles\.web\.ous\[0\]: "ou-xyz" is not an OU id\. Fix: an OU id is ou-, 4-32 lowercase/],
    ['a malformed root id in skipOus', `regions: [us-east-1]\nbaseline: { skipOus: [r-1] }\n${OK_PROFILE}`, /org\.yaml:baseline\.skipOus\[0\]: "r-1" is not an OU id\./],
    ['a port twice', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443,443", ous: [Root/Workloads] }\n`, /profiles\.web\.allowedIngress\[1\]: entry "443" repeats entry 0 \("443"\)\. Fix: remove one of them\./],
    ['the same rule written two ways', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "80, tcp:80", ous: [Root/Workloads] }\n`, /profiles\.web\.allowedIngress\[1\]: entry "tcp:80" repeats entry 0 \("80"\)/],
    ['a CIDR twice', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", allowedCidrs: "10.0.0.0/8,10.0.0.0/8", ous: [Root/Workloads] }\n`, /profiles\.web\.allowedCidrs\[1\]: entry "10\.0\.0\.0\/8" repeats entry 0/],
    ['a region twice', `regions: [us-east-1, us-east-1]\n${OK_PROFILE}`, /org\.yaml:regions\[1\]: repeats item 0\. Fix: remove the duplicate\./],
    ['an OU twice, once with a trailing slash', `regions: [us-east-1]\nprofiles:\n  a: { allowedIngress: "443", ous: [Root/Workloads, Root/Workloads/] }\n`, /profiles\.a\.ous\[1\]: "Root\/Workloads\/" repeats item 0 \("Root\/Workloads"\)\. Fix: remove the duplicate\./],
    ['an unknown field', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads], allowedCidr: "10.0.0.0/8" }\n`, /profiles\.web\.allowedCidr: is not a known field\. Fix: did you mean "allowedCidrs"\?/],
    ['a bad enum value', `regions: [us-east-1]\ncallAs: ADMIN\n${OK_PROFILE}`, /org\.yaml:callAs: "ADMIN" is not allowed\. Fix: use one of SELF, DELEGATED_ADMIN/],
    ['a bad profile name', `regions: [us-east-1]\nprofiles:\n  Web_1: { allowedIngress: "443", ous: [Root/Workloads] }\n`, /profiles\.Web_1: is not a valid profile name\. Fix: use 1-40 lowercase letters/],
    ['a wrong type', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: 443, ous: [Root/Workloads] }\n`, /profiles\.web\.allowedIngress: must be string, got number\. Fix: write a quoted string/],
    ['a bad allowedIngress entry', `regions: [us-east-1]\nprofiles:\n  mail: { allowedIngress: "80,443,99999", ous: [Root/Workloads] }\n`, /profiles\.mail\.allowedIngress\[2\]: entry "99999": "99999" is not a port or port range\. Fix: write a port 0-65535/],
    ['a non-canonical CIDR', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", allowedCidrs: "10.0.0.1/8", ous: [Root/Workloads] }\n`, /profiles\.web\.allowedCidrs\[0\]: "10\.0\.0\.1\/8" has host bits set.*Fix: write 10\.0\.0\.0\/8/],
    ['a reserved tag key', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", exemptTagKey: "aws:x", ous: [Root/Workloads] }\n`, /profiles\.web\.exemptTagKey: "aws:x" is not a valid tag key/],
    ['a scope value without a key', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", scopeTagValue: "yes", ous: [Root/Workloads] }\n`, /profiles\.web\.scopeTagValue: is set but scopeTagKey is not\. Fix: set scopeTagKey too/],
    ['a blank allowedIngress', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: " ", ous: [Root/Workloads] }\n`, /profiles\.web\.allowedIngress: is blank\. Fix: write "none" for an empty list/],
    ['a key prefix without a bucket', `regions: [us-east-1]\nbaseline: { existingBucketKeyPrefix: o-abc123 }\n${OK_PROFILE}`, /baseline\.existingBucketKeyPrefix: is set but existingBucketName is not\. Fix: set existingBucketName too/],
    ['an OU in two profiles', `regions: [us-east-1]\nprofiles:\n  a: { allowedIngress: "443", ous: [Root/Workloads] }\n  b: { allowedIngress: "22", ous: [Root/Workloads/] }\n`, /profiles\.b\.ous\[0\]: OU "Root\/Workloads" is also in profile "a"/],
    ['an OU twice in one profile', `regions: [us-east-1]\nprofiles:\n  a: { allowedIngress: "443", ous: [Root/Workloads, Root/Workloads] }\n`, /profiles\.a\.ous\[1\]: repeats item 0\. Fix: remove the duplicate/],
    ['an out-of-range preference', `regions: [us-east-1]\noperation: { maxConcurrentPercentage: 0 }\n${OK_PROFILE}`, /operation\.maxConcurrentPercentage: must be >= 1/],
    ['several problems at once', `regions: [us-east-1]\nprofiles:\n  a: { allowedIngress: "x:1", allowedCidrs: "nope", ous: [Root/Workloads] }\n`, /2 problems in the config file \(nothing was sent to AWS\):\n {2}- .*profiles\.a\.allowedCidrs\[0\].*\n {2}- .*profiles\.a\.allowedIngress\[0\]: entry "x:1": unknown protocol/],
  ])('%s', async (_name, yaml, message) => {
    const ws = createWorkspace();
    const run = await runCli(['plan', '-c', ws.writeConfig(yaml), '--templates', ws.templatesDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(fakes.organization.calls()).toEqual([]);
    expect(fakes.stackSets.calls()).toEqual([]);
  });

  it('a missing file', async () => {
    const run = await runCli(['plan', '-c', '/nonexistent/org.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\/nonexistent\/org\.yaml: cannot read the config file\. Fix: pass an existing YAML file/);
    expect(fakes.stackSets.calls()).toEqual([]);
  });

  it('an unknown OU path fails with the closest paths before any StackSets call', async () => {
    fakes.organization.addOuPath('Root/Workloads/Prod');
    const ws = createWorkspace();
    const run = await runCli(['plan', '-c', ws.writeConfig(`regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads/Prd] }\n`), '--templates', ws.templatesDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/profiles\.web\.ous\[0\]: OU "Root\/Workloads\/Prd" does not exist in the organization\. Fix: did you mean "Root\/Workloads\/Prod"/);
    expect(fakes.stackSets.mutatingCalls()).toEqual([]);
  });

  it('templates missing from --templates DIR', async () => {
    const ws = createWorkspace();
    const run = await runCli(['plan', '-c', ws.writeConfig(`regions: [us-east-1]\n${OK_PROFILE}`), '--templates', ws.dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/baseline\.yaml: template baseline\.yaml not found\. Fix: run `npm run build`/);
  });

  it.each([
    ['an unknown option', ['plan', '-c', 'org.yaml', '--jsn'], /^sg-guardrail plan: unknown option --jsn\. Fix: did you mean --json\? See sg-guardrail plan --help\.\n$/],
    ['the file without -c', ['status', 'org.yaml'], /^sg-guardrail status: unexpected argument "org\.yaml"\. Fix: give the config file with -c: sg-guardrail status -c org\.yaml\. See sg-guardrail status --help\.\n$/],
    ['a bad --poll-seconds', ['apply', '-c', 'org.yaml', '--poll-seconds', 'soon'], /sg-guardrail apply: --poll-seconds: "soon" is not a number of seconds\. Fix:/],
  ])('a usage mistake: %s, with the fix and no stack trace', async (_name, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fakes.stackSets.calls()).toEqual([]);
  });

  it('no -c at all', async () => {
    const run = await runCli(['plan']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pass -c FILE');
  });
});
