/** The IAM actions a part of the code needs, read from the AWS SDK commands it imports. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
/** Client packages whose IAM service prefix differs from the package name. */
const IAM_PREFIX: Readonly<Record<string, string>> = { 'config-service': 'config', 'service-catalog': 'servicecatalog' };
/** Commands authorized under another action's name (S3's HeadObject needs s3:GetObject). */
const IAM_ACTION: Readonly<Record<string, string>> = { 's3:HeadObject': 's3:GetObject' };

/** The repo-relative TypeScript files under a folder, or the file itself. */
function tsFiles(relative: string): string[] {
  const full = path.join(ROOT, relative);
  if (statSync(full).isFile()) return [relative];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(relative, f));
}

/**
 * `service:Action` for every SDK command the TypeScript files under `dirs` (repo-relative folders or
 * files) import, leaving out the files under `except`.
 */
export function sdkActionsImportedBy(dirs: string | readonly string[], except: readonly string[] = []): string[] {
  const skipped = new Set(except.flatMap(tsFiles));
  const files = ([] as string[]).concat(dirs).flatMap(tsFiles).filter((f) => !skipped.has(f));
  const actions = files.flatMap((file) =>
    [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-([a-z0-9-]+)'/g)].flatMap((m) =>
      (m[1] ?? '')
        .split(',')
        .map((name) => name.trim().replace(/^type\s+/, ''))
        .filter((name) => name.endsWith('Command'))
        .map((name) => `${IAM_PREFIX[m[2] ?? ''] ?? String(m[2])}:${name.replace(/Command$/, '')}`)
        .map((action) => IAM_ACTION[action] ?? action),
    ),
  );
  return [...new Set(actions)].sort();
}
