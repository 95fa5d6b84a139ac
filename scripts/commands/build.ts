import path from 'node:path';
import { findProjectRoot } from '../../src/project';
import { defineCommand } from '../command';

export const buildCommand = defineCommand({
  name: 'build',
  summary: 'Bundle the handler and write the templates to dist/ (with -c, also each profile\'s).',
  usage: [
    'Usage: sg-guardrail build [-c FILE] [--out DIR]',
    '',
    'Bundles the Config rule Lambda with esbuild and writes the CloudFormation templates.',
    'With -c FILE it also writes dist/profiles/<profile>/{rule,standalone}.{yaml,json}: the templates',
    'with each profile\'s values as the parameters\' defaults, for hand-off and Service Catalog.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config whose profiles to write (offline: no AWS call)',
    '  --out DIR           output directory (default: dist/ in the project)',
    '  -h, --help          show this help',
  ].join('\n'),
  options: { out: { type: 'string' }, config: { type: 'string', short: 'c' } },
  async run(values) {
    const rootDir = findProjectRoot();
    const outDir = path.resolve(values.out ?? path.join(rootDir, 'dist'));
    const [{ runBuild }, { loadProfileSource }] = await Promise.all([import('../../src/build/build-runner'), import('../../src/build/profile-source')]);
    const profiles = values.config === undefined ? undefined : await loadProfileSource(values.config);
    const result = await runBuild({ rootDir, outDir, profiles });
    const width = Math.max(...result.files.map((f) => f.path.length));
    for (const file of result.files) {
      console.log(`  ${file.path.padEnd(width)}  ${file.bytes.toLocaleString('en-US').padStart(9)} bytes`);
    }
    console.log(`Wrote ${result.files.length} files to ${path.relative(process.cwd(), outDir) || '.'}`);
    return 0;
  },
});
