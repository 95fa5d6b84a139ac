/**
 * The compiled CLI as users run it: compiled with exactly the esbuild command of `npm run build`
 * (into node_modules/.cache, so dist/ is left alone), then run in a child process. `--help`,
 * `--version` and usage mistakes load nothing from node_modules (no SDK, esbuild, yaml or ajv).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const OUTFILE = '--outfile=dist/cli/sg-guardrail.js';
const cacheDir = path.join(ROOT, 'node_modules', '.cache');
let workDir: string;
let bundle: string;

beforeAll(() => {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } };
  const [compile] = scripts.build.split(' && ');
  expect(compile).toContain(OUTFILE);
  mkdirSync(cacheDir, { recursive: true });
  workDir = mkdtempSync(path.join(cacheDir, 'sg-guardrail-cli-test-'));
  bundle = path.join(workDir, 'sg-guardrail.js');
  const run = spawnSync('sh', ['-c', compile!.replace(OUTFILE, `--outfile=${bundle}`)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function node(args: readonly string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
}

/** Runs main(args) of the bundle in a fresh node; returns its exit code and the node_modules files it loaded. */
function modulesLoadedBy(args: readonly string[]): { code: number; loaded: string[] } {
  const script = `require(${JSON.stringify(bundle)}).main(${JSON.stringify(args)}).then((code) => process.stderr.write('\\n@' + JSON.stringify({ code, loaded: Object.keys(require.cache).filter((f) => f.includes('node_modules')) })))`;
  const run = node(['-e', script]);
  const marker = run.stderr.lastIndexOf('\n@');
  expect(marker).toBeGreaterThanOrEqual(0);
  return JSON.parse(run.stderr.slice(marker + 2)) as { code: number; loaded: string[] };
}

describe('the compiled CLI', () => {
  it.each([[['--help']], [['--version']], [['plan', '--help']], [['apply', '-h']], [['plan', '--bogus']], [['build', '--out']], [['deploy']]])(
    '%j loads nothing from node_modules',
    (args) => {
      // Relative to the bundle in node_modules/.cache: only files under a package's own node_modules count.
      const loaded = modulesLoadedBy(args).loaded.filter((f) => !f.startsWith(workDir));
      expect(loaded).toEqual([]);
    },
  );

  it('--version prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(node([bundle, '--version'])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([[['build', '--bogus']], [['build', 'extra']], [['build', '--out']], [['plan']], [['nope']]])('%j: exit 1, one line, no stack trace', (args) => {
    const run = node([bundle, ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(/^sg-guardrail( \w+)?: .+ Fix: .*--help\.$/), '']);
  });
});

describe('bin/sg-guardrail.cjs', () => {
  it('before a build, says to run the build (exit 1)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-guardrail-bin-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      copyFileSync(path.join(ROOT, 'bin', 'sg-guardrail.cjs'), path.join(dir, 'bin', 'sg-guardrail.cjs'));
      const run = node([path.join(dir, 'bin', 'sg-guardrail.cjs'), '--help'], dir);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`sg-guardrail: the CLI is not built. Fix: run \`npm ci && npm run build\` in ${dir}.\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
