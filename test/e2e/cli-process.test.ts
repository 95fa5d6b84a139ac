/**
 * The compiled CLI as users run it: compiled with exactly the esbuild command of `npm run build`
 * (into node_modules/.cache, so dist/ is left alone), then run in a child process. `--help`,
 * `--version` and usage mistakes load nothing from node_modules (no SDK, esbuild, yaml or ajv).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, compileCli } from '../compile-cli';
import { FIXTURE_TEMPLATES } from './deploy-helpers';

const ROOT = REPO_ROOT;
let workDir: string;
let bundle: string;

beforeAll(() => {
  const cacheDir = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  workDir = mkdtempSync(path.join(cacheDir, 'sg-guardrail-cli-test-'));
  bundle = path.join(workDir, 'sg-guardrail.js');
  compileCli(bundle);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function node(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', env: options.env ?? { ...process.env, NODE_OPTIONS: '' } });
}

/** Runs main(args) of the bundle for each args in turn, in one fresh node; returns the node_modules files loaded after each. */
function modulesLoadedBy(argsList: readonly (readonly string[])[]): string[][] {
  const script = [
    `const { main } = require(${JSON.stringify(bundle)});`,
    'const loaded = () => Object.keys(require.cache).filter((f) => f.includes("node_modules") && !f.startsWith(process.argv[1]));',
    `(async () => { const after = []; for (const args of ${JSON.stringify(argsList)}) { await main(args); after.push(loaded()); } process.stderr.write('\\n@' + JSON.stringify(after)); })();`,
  ].join('\n');
  const run = node(['-e', script, workDir]);
  const marker = run.stderr.lastIndexOf('\n@');
  expect(marker).toBeGreaterThanOrEqual(0);
  return JSON.parse(run.stderr.slice(marker + 2)) as string[][];
}

describe('the compiled CLI', () => {
  it('--help, --version, a command\'s help and usage mistakes load nothing from node_modules (no SDK, esbuild, yaml, ajv)', () => {
    const argsList = [['--help'], ['--version'], ['plan', '--help'], ['apply', '-h'], ['plan', '--bogus'], ['build', '--out'], ['deploy']];
    // The bundle itself sits in node_modules/.cache: only other files count (process.argv[1] is workDir).
    expect(modulesLoadedBy(argsList)).toEqual(argsList.map(() => []));
  });

  it('--version prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(node([bundle, '--version'])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  // Every mistake of every command is in cli-usage.test.ts (in-process); here, one of each kind as a real process.
  it.each([[['build', '--bogus']], [['plan']], [['nope']]])('%j: exit 1, one line, no stack trace', (args) => {
    const run = node([bundle, ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(/^sg-guardrail( \w+)?: .+ Fix: .*--help\.$/), '']);
  });
});

describe('the compiled CLI on a machine without AWS settings', () => {
  /** `plan` with a valid config and templates, in an environment with only `vars` of AWS's variables. */
  function plan(vars: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
    const home = path.join(workDir, 'home');
    mkdirSync(path.join(workDir, 'templates'), { recursive: true });
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(workDir, 'templates', 'baseline.yaml'), FIXTURE_TEMPLATES.baseline);
    writeFileSync(path.join(workDir, 'templates', 'rule.yaml'), FIXTURE_TEMPLATES.rule);
    const config = path.join(workDir, 'org.yaml');
    writeFileSync(config, 'regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root] }\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
    return node([bundle, 'plan', '-c', config, '--templates', path.join(workDir, 'templates')], {
      env: { ...env, NODE_OPTIONS: '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...vars },
    });
  }
  // At most one line about the Node.js version, instead of the SDK's nine-line warning.
  const note = Number(process.versions.node.split('.')[0]) < 22 ? [expect.stringMatching(/^sg-guardrail: note: Node\.js v\d+\S* runs this checkout's AWS SDK, but SDK releases after early January 2027 need Node\.js 22 or later\.$/)] : [];

  it('no region: one line naming AWS_REGION (and the note on Node.js < 22), exit 1', () => {
    const run = plan({});
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toEqual([...note, expect.stringMatching(/^sg-guardrail plan: AWS_REGION: no AWS region is set\. Fix: set AWS_REGION/), '']);
  });

  it('an unknown profile: one line naming AWS_PROFILE and ~/.aws/config', () => {
    const run = plan({ AWS_PROFILE: 'nope' });
    expect(run.stderr.split('\n')).toEqual([...note, expect.stringMatching(/^sg-guardrail plan: AWS_PROFILE: profile "nope" is in neither .*\.aws\/config nor .*\.aws\/credentials\. Fix:/), '']);
  });

  it('an endpoint that refuses: names AWS_ENDPOINT_URL, exit 1', () => {
    const run = plan({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'x', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toEqual([...note, expect.stringMatching(/^sg-guardrail plan: \w+:\w+: AWS_ENDPOINT_URL \(http:\/\/127\.0\.0\.1:9\) cannot be reached \(ECONNREFUSED\).* Fix: /), '']);
  }, 30_000);
});

describe('bin/sg-guardrail.cjs', () => {
  it('before a build, says to run the build (exit 1)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-guardrail-bin-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      copyFileSync(path.join(ROOT, 'bin', 'sg-guardrail.cjs'), path.join(dir, 'bin', 'sg-guardrail.cjs'));
      const run = node([path.join(dir, 'bin', 'sg-guardrail.cjs'), '--help'], { cwd: dir });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`sg-guardrail: the CLI is not built. Fix: run \`npm ci && npm run build\` in ${dir}.\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
