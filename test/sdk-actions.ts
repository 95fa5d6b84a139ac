/** The IAM actions a part of the code needs, read from the AWS SDK commands it imports. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
/** Client packages whose IAM service prefix differs from the package name. */
const IAM_PREFIX: Readonly<Record<string, string>> = { 'config-service': 'config' };

/** `service:Action` for every SDK command the TypeScript files under `dir` (repo-relative) import. */
export function sdkActionsImportedBy(dir: string): string[] {
  const files = readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const actions = files.flatMap((file) =>
    [...readFileSync(path.join(ROOT, dir, file), 'utf8').matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-([a-z0-9-]+)'/g)].flatMap((m) =>
      (m[1] ?? '')
        .split(',')
        .map((name) => name.trim().replace(/^type\s+/, ''))
        .filter((name) => name.endsWith('Command'))
        .map((name) => `${IAM_PREFIX[m[2] ?? ''] ?? String(m[2])}:${name.replace(/Command$/, '')}`),
    ),
  );
  return [...new Set(actions)].sort();
}
