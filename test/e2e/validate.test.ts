/**
 * `validate` offline, `plan --save-org` writing the snapshot it reads, and `build -c` refusing a bad
 * config: the real CLI in-process, the AWS fakes installed only to prove no call is made.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { createWorkspace, runCli } from './deploy-helpers';
import type { Workspace } from './deploy-helpers';

const CONFIG = `
regions: [us-east-1, eu-west-1]
baseline: { skipOus: [Root/CT] }
serviceCatalog: { shareOus: [Root/Workloads, Root/Workloads/Mail] }
profiles:
  web: { allowedIngress: "80,443", ous: [Root/Workloads] }
  mail: { allowedIngress: "80,443,465", mode: report, ous: [Root/Workloads/Mail] }
`;

let fakes: AwsFakes;
let ws: Workspace;
let snapshotFile: string;

beforeEach(async () => {
  const org = new OrganizationFake();
  org.addTree({ 'Root/Workloads': ['222222222222'], 'Root/Workloads/Prod': ['333333333333'], 'Root/Workloads/Mail': ['444444444444'], 'Root/CT': ['555555555555'] });
  fakes = installAwsFakes({ organization: org });
  ws = createWorkspace();
  snapshotFile = path.join(ws.dir, 'org.json');
  const plan = await runCli(['plan', '-c', ws.writeConfig(CONFIG), '--templates', ws.templatesDir, '--save-org', snapshotFile, '--json']);
  expect(plan.code).toBe(0);
  expect(() => JSON.parse(plan.stdout) as unknown).not.toThrow();
  expect(plan.stderr).toContain(`to ${snapshotFile}`);
  fakes.organization.recorder.clear();
  fakes.stackSets.recorder.clear();
});
afterEach(() => fakes.restore());

const noAwsCall = (): void => {
  expect(fakes.organization.calls()).toEqual([]);
  expect(fakes.stackSets.calls()).toEqual([]);
};

describe('plan --save-org', () => {
  it('writes a versioned snapshot of the organization it read', () => {
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, any>;
    expect([snapshot.format, snapshot.version]).toEqual(['sg-guardrail/org-snapshot', 1]);
    expect(snapshot.organization).toEqual({ id: fakes.organization.organizationId, featureSet: 'ALL', managementAccountId: fakes.organization.managementAccountId });
    expect(snapshot.ous.map((o: { name: string }) => o.name).sort()).toEqual(['CT', 'Mail', 'Prod', 'Workloads']);
    expect(snapshot.accounts.map((a: { id: string }) => a.id).sort()).toEqual([fakes.organization.managementAccountId, '222222222222', '333333333333', '444444444444', '555555555555'].sort());
  });
});

describe('sg-guardrail validate', () => {
  it('without --org: checks the config offline and says the OUs were not resolved', async () => {
    const run = await runCli(['validate', '-c', ws.writeConfig(CONFIG)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/org\.yaml: valid\. 2 profile\(s\) \(mail, web\), 2 region\(s\)/);
    expect(run.stdout).toContain('pass --org SNAPSHOT.json');
    noAwsCall();
  });

  it('with --org: resolves the OUs and prints the targeting, shares and warnings, offline', async () => {
    const run = await runCli(['validate', '-c', ws.writeConfig(CONFIG), '--org', snapshotFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sg-guardrail-baseline: Root\/Workloads \(ou-[^,]+, 3 account\(s\)\)/);
    expect(run.stdout).toMatch(/sg-guardrail-rule-web \(rule sg-guardrail-web\): Root\/Workloads\/Prod \(ou-[^,]+, 1 account\(s\)\)/);
    expect(run.stdout).toMatch(/sg-guardrail-rule-mail \(rule sg-guardrail-mail\): Root\/Workloads\/Mail/);
    expect(run.stdout).toMatch(/Service Catalog shares \(publish\): Root\/Workloads \(ou-[^)]+\)\n/);
    expect(run.stdout).toContain('1 account(s) sit directly in Root/Workloads (profile web)');
    noAwsCall();
  });

  it.each([
    ['a bad profile', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "80,99999", ous: [Root/Workloads] }\n`, [], /org\.yaml:profiles\.web\.allowedIngress\[1\]: entry "99999".*Fix: /],
    ['an unknown OU in the snapshot', `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workload] }\n`, ['--org'], /org\.yaml:profiles\.web\.ous\[0\]: OU "Root\/Workload" does not exist in the organization\. Fix: did you mean "Root\/Workloads"/],
    ['an unknown share OU', `regions: [us-east-1]\nserviceCatalog: { shareOus: [Root/Nope] }\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n`, ['--org'], /org\.yaml:serviceCatalog\.shareOus\[0\]: OU "Root\/Nope" does not exist/],
    ['a bad aggregator name', `regions: [us-east-1]\naggregator: { name: "my aggregator" }\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n`, [], /org\.yaml:aggregator\.name: "my aggregator" does not have the expected form\. Fix: /],
  ])('%s: exit 1 with file:path and the fix, no AWS call', async (_name, yaml, extra, message) => {
    const args = ['validate', '-c', ws.writeConfig(yaml), ...(extra.length > 0 ? ['--org', snapshotFile] : [])];
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    noAwsCall();
  });

  it.each([
    ['not JSON', '{', /org\.json: is not JSON: .*Fix: pass the file `plan --save-org` wrote/],
    ['another file', '{"format":"something-else"}', /org\.json:format: is "something-else", not "sg-guardrail\/org-snapshot"/],
    ['a newer version', '{"format":"sg-guardrail/org-snapshot","version":2}', /org\.json:version: is 2; this sg-guardrail reads version 1\. Fix: upgrade sg-guardrail/],
    ['a schema problem', '{"format":"sg-guardrail/org-snapshot","version":1,"root":{"id":"r-ab12","name":"Root"},"ous":[{"id":"ou-x","name":"A","parentId":"r-ab12"}],"accounts":[]}', /org\.json:ous\[0\]\.id: "ou-x" does not have the expected form/],
    [
      'a dangling parent and a repeated account',
      '{"format":"sg-guardrail/org-snapshot","version":1,"root":{"id":"r-ab12","name":"Root"},"ous":[{"id":"ou-ab12-11111111","name":"A","parentId":"ou-ab12-22222222"}],"accounts":[{"id":"111122223333","name":"a","parentId":"r-ab12","status":"ACTIVE"},{"id":"111122223333","name":"b","parentId":"r-ab12","status":"ACTIVE"}]}',
      /2 problems in the organization snapshot.*\n.*org\.json:ous\[0\]\.parentId: "ou-ab12-22222222" is neither the root nor an OU.*\n.*org\.json:accounts\[1\]\.id: "111122223333" appears twice/,
    ],
    [
      'a cycle',
      '{"format":"sg-guardrail/org-snapshot","version":1,"root":{"id":"r-ab12","name":"Root"},"ous":[{"id":"ou-ab12-11111111","name":"A","parentId":"ou-ab12-22222222"},{"id":"ou-ab12-22222222","name":"B","parentId":"ou-ab12-11111111"}],"accounts":[]}',
      /org\.json:ous\[0\]\.parentId: OU "ou-ab12-11111111" is its own ancestor/,
    ],
  ])('a bad snapshot (%s): exit 1 with file:path and the fix', async (_name, text, message) => {
    const file = path.join(ws.dir, 'org.json');
    writeFileSync(file, text);
    const run = await runCli(['validate', '-c', ws.writeConfig(CONFIG), '--org', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    noAwsCall();
  });

  // A fresh node process in which resolving any @aws-sdk/ or @smithy/ module throws (in require and in
  // import), set up as bin/sg-guardrail.cjs sets up tsx; `load` names the module whose export runs.
  const runWithoutSdk = (load: string, call: string): { stdout: string; stderr: string; status: number | null } => {
    const root = path.resolve(__dirname, '..', '..');
    const hook = "export async function resolve(s, c, next) { if (/^@(aws-sdk|smithy)\\//.test(s)) throw new Error('SDK module loaded: ' + s); return next(s, c); }";
    const script = `
      const Module = require('node:module');
      Module.register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      // Loading (running) a module is what is refused; finding a file of the SDK's (the region list
      // the config check reads as data, src/deploy/config/aws-regions.ts) is not.
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (/^@(aws-sdk|smithy)\\//.test(request)) throw new Error('SDK module loaded: ' + request);
        return load.call(this, request, ...rest);
      };
      import('tsx/esm/api').then(({ register }) => {
        register();
        require('tsx/cjs');
        const loaded = require(${JSON.stringify(path.join(root, load))});
        return ${call};
      }).then((code) => process.stderr.write('exit ' + code), (error) => process.stderr.write(String(error)));`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  };

  it('loads no AWS SDK module: the validate command runs where any SDK import would throw', () => {
    const config = ws.writeConfig(CONFIG);
    const run = runWithoutSdk('scripts/sg-guardrail.ts', `loaded.main(['validate', '-c', ${JSON.stringify(config)}, '--org', ${JSON.stringify(snapshotFile)}])`);
    expect(run.stdout).toContain('valid.');
    expect(run.stdout).toContain('Targeting in');
    expect(run.stderr).toBe('exit 0');
  }, 30_000);

  it('the no-SDK check itself fails for a module that loads the SDK', () => {
    const run = runWithoutSdk('src/aws/clients.ts', 'loaded.createAwsClients() && 0');
    expect(run.stderr).toMatch(/SDK module loaded: @aws-sdk\/client-/);
  }, 30_000);
});

describe('sg-guardrail build -c with a bad config', () => {
  it('exits 1 with file:path and the fix, before building', async () => {
    const run = await runCli(['build', '-c', ws.writeConfig(`regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "tcp:99999", ous: [Root/A] }\n`), '--out', path.join(ws.dir, 'dist')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/org\.yaml:profiles\.web\.allowedIngress\[0\]: .*Fix: /);
    noAwsCall();
  });
});
