import path from 'node:path';
import { findProjectRoot } from '../../src/project';
import { defineCommand } from '../command';

export const buildCommand = defineCommand({
  name: 'build',
  summary: 'Bundle the handler and write the templates to dist/.',
  usage: [
    'Usage: sg-guardrail build [--out DIR]',
    '',
    'Bundles the Config rule Lambda with esbuild and writes the CloudFormation templates.',
    '',
    'Options:',
    '  --out DIR    output directory (default: dist/ in the project)',
    '  -h, --help   show this help',
  ].join('\n'),
  options: { out: { type: 'string' } },
  async run(values) {
    const rootDir = findProjectRoot();
    const outDir = path.resolve(values.out ?? path.join(rootDir, 'dist'));
    const { runBuild } = await import('../../src/build/build-runner');
    const result = await runBuild({ rootDir, outDir });
    const width = Math.max(...result.files.map((f) => f.path.length));
    for (const file of result.files) {
      console.log(`  ${file.path.padEnd(width)}  ${file.bytes.toLocaleString('en-US').padStart(9)} bytes`);
    }
    console.log(`Wrote ${result.files.length} files to ${path.relative(process.cwd(), outDir) || '.'}`);
    return 0;
  },
});
