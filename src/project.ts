/**
 * The checkout the code runs from: the nearest folder above it with a package.json. The same code
 * runs as TypeScript (tests, from src/) and compiled (the `sg-guardrail` command, from dist/cli/),
 * at different depths.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from './errors';

export function findProjectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new BuildError('no package.json above the CLI.', { where: start, fix: 'run sg-guardrail from its checkout (npm ci && npm run build).' });
    }
  }
}

/** The `version` of the checkout's package.json. */
export function readProjectVersion(root: string = findProjectRoot()): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') {
    throw new BuildError('package.json has no version.', { where: path.join(root, 'package.json'), fix: 'set "version", e.g. "0.1.0".' });
  }
  return manifest.version;
}
