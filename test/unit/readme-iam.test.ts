/**
 * The README's IAM permission lists are what users copy into their policies: they must name exactly
 * the calls the code makes (the templates' own role is held to the handler by iam.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ENFORCE_ACTIONS, READ_ACTIONS } from '../../templates/lambda-function';

const ROOT = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = (heading: string): string => {
  const start = readme.indexOf(`\n${heading}\n`);
  const level = heading.split(' ')[0] as string;
  const end = readme.indexOf(`\n${level} `, start + heading.length + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};

/** `service:Action` for every SDK command the TypeScript files under `dir` import. */
function sdkActions(dir: string): string[] {
  const prefixes: Readonly<Record<string, string>> = { 'config-service': 'config' };
  const files = readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const actions = files.flatMap((file) =>
    [...readFileSync(path.join(ROOT, dir, file), 'utf8').matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-([a-z0-9-]+)'/g)].flatMap((m) =>
      (m[1] ?? '')
        .split(',')
        .map((name) => name.trim().replace(/^type\s+/, ''))
        .filter((name) => name.endsWith('Command'))
        .map((name) => `${prefixes[m[2] ?? ''] ?? String(m[2])}:${name.replace(/Command$/, '')}`),
    ),
  );
  return [...new Set(actions)].sort();
}

describe('README IAM permissions', () => {
  it("lists exactly the function role's actions under The handler", () => {
    const table = section('## The handler').slice(section('## The handler').indexOf('**IAM permissions**'));
    const listed = [...table.matchAll(/^\| `([a-z0-9-]+:\w+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...READ_ACTIONS, ...ENFORCE_ACTIONS].sort());
    expect(sdkActions('handler')).toEqual([...READ_ACTIONS, ...ENFORCE_ACTIONS].sort());
  });

  it("gives the deployer every call src/aws makes, plus what CloudFormation checks for a delegated administrator", () => {
    const json = /```json\n([\s\S]*?)```/.exec(section('### Prerequisites and IAM permissions'))?.[1];
    const policy = JSON.parse(json ?? '{}') as { Statement: { Action: string[] }[] };
    const granted = policy.Statement.flatMap((s) => s.Action).sort();
    expect(granted).toEqual([...sdkActions('src/aws'), 'organizations:ListDelegatedAdministrators'].sort());
  });
});
