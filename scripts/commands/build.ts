import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild } from '../../src/build/build-runner';
import type { Command } from '../command';

const ROOT_DIR = path.resolve(__dirname, '..', '..');

export const buildCommand: Command = {
  name: 'build',
  summary: 'Bundle the handler and write the templates to dist/.',
  usage: [
    'Usage: sg-guardrail build [--out DIR]',
    '',
    'Bundles the Config rule Lambda with esbuild and writes the CloudFormation templates.',
    '',
    'Options:',
    '  --out DIR   output directory (default: dist/ in the project)',
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args: [...args], options: { out: { type: 'string' } }, strict: true });
    const outDir = path.resolve(values.out ?? path.join(ROOT_DIR, 'dist'));
    const result = await runBuild({ rootDir: ROOT_DIR, outDir });
    const width = Math.max(...result.files.map((f) => f.path.length));
    for (const file of result.files) {
      console.log(`  ${file.path.padEnd(width)}  ${file.bytes.toLocaleString('en-US').padStart(9)} bytes`);
    }
    console.log(`Wrote ${result.files.length} files to ${path.relative(process.cwd(), outDir) || '.'}`);
    return 0;
  },
};
