/**
 * CLI start and build (`npm run bench`): the compiled CLI's `--help` next to a bare `node -e 0`
 * (target: at most 3×), and the build's wall time, CPU time and peak memory (target: at most 0.1×
 * the CPU time of `cdk synth` of the same resources, measured only where CDK is installed and
 * CDK_APP names such an app). Medians of RUNS runs, after one warm-up.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, compileCli } from '../compile-cli';
import { findExecutable } from '../optional-tools';

const RUNS = 9;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Wall milliseconds of `node ARGS`, median of RUNS. */
function wallMs(args: readonly string[]): number {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(run.status)}`);
    if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

interface BuildRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMiB: number;
}

/** The build (`sg-guardrail build`) in a fresh node that reports its own CPU time and peak memory. */
function buildOnce(bundle: string, outDir: string): BuildRun {
  const script = `require(${JSON.stringify(bundle)}).main(['build', '--out', ${JSON.stringify(outDir)}]).then((code) => { const u = process.resourceUsage(); process.stderr.write('@' + JSON.stringify({ code, cpu: (u.userCPUTime + u.systemCPUTime) / 1e3, rss: u.maxRSS })); })`;
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const report = JSON.parse(run.stderr.slice(run.stderr.lastIndexOf('@') + 1)) as { code: number; cpu: number; rss: number };
  if (report.code !== 0) throw new Error(`the build failed: ${run.stderr}`);
  return { wallMs: wall, cpuMs: report.cpu, maxRssMiB: report.rss / 1024 };
}

function cdkLine(buildCpuMs: number): string {
  const cdk = findExecutable('cdk');
  const app = process.env.CDK_APP;
  if (cdk === undefined || app === undefined) {
    return `skipped: ${cdk === undefined ? 'cdk is not installed' : 'CDK_APP names no CDK app of the same resources'} (issue 10 measured cdk synth at 13.5 s and 443 MiB)`;
  }
  const started = process.hrtime.bigint();
  const run = spawnSync(cdk, ['synth', '--quiet'], { cwd: app, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  return run.status === 0 ? `${wall.toFixed(0)} ms wall; the build takes ${(buildCpuMs / wall).toFixed(2)}× of it (CPU vs wall; target ≤ 0.1×)` : `cdk synth failed in ${app}`;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(REPO_ROOT, 'node_modules', '.cache', 'sg-guardrail-bench-'));
  mkdirSync(dir, { recursive: true });
  try {
    const bundle = path.join(dir, 'sg-guardrail.js');
    compileCli(bundle);
    const bare = wallMs(['-e', '0']);
    const help = wallMs([bundle, '--help']);
    const builds = Array.from({ length: RUNS + 1 }, () => buildOnce(bundle, path.join(dir, 'dist'))).slice(1);
    const build = { wallMs: median(builds.map((b) => b.wallMs)), cpuMs: median(builds.map((b) => b.cpuMs)), maxRssMiB: Math.max(...builds.map((b) => b.maxRssMiB)) };
    const rows: [string, string][] = [
      ['node -e 0', `${bare.toFixed(0)} ms`],
      ['sg-guardrail --help', `${help.toFixed(0)} ms = ${(help / bare).toFixed(1)}× node -e 0 (target ≤ 3×)`],
      ['build (sg-guardrail build)', `${build.wallMs.toFixed(0)} ms wall, ${build.cpuMs.toFixed(0)} ms CPU, ${build.maxRssMiB.toFixed(0)} MiB peak RSS (esbuild's own process not counted)`],
      ['cdk synth', cdkLine(build.cpuMs)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`  median of ${RUNS} runs`);
    for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
