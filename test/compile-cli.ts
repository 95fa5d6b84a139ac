/**
 * Compiles the CLI with exactly the esbuild command `npm run build` runs (its first step), to
 * another file: for the tests and the bench that run the compiled CLI without touching dist/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
const OUTFILE = '--outfile=dist/cli/sg-guardrail.js';

/** Writes the compiled CLI to `outfile` (inside the repository, so its packages resolve). */
export function compileCli(outfile: string): void {
  const { scripts } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } };
  const [compile = ''] = scripts.build.split(' && ');
  if (!compile.includes(OUTFILE)) throw new Error(`package.json "build" no longer starts with the esbuild command writing ${OUTFILE}: update test/compile-cli.ts`);
  const run = spawnSync('sh', ['-c', compile.replace(OUTFILE, `--outfile=${outfile}`)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  if (run.status !== 0 || run.stderr !== '') throw new Error(`compiling the CLI failed (${String(run.status)}): ${run.stderr}`);
}
