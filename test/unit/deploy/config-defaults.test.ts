/**
 * One default per config field, said in three places: the schema's `default` (what editors show),
 * the parser (what the rollout really deploys) and the config table of docs/config.md. Nothing else ties them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEPLOY_CONFIG_SCHEMA, parseDeployConfig } from '../../../src/deploy/config/config';

interface Node {
  readonly default?: unknown;
  readonly properties?: Record<string, Node>;
}
const schema = DEPLOY_CONFIG_SCHEMA as unknown as Node & { definitions: { profile: Node } };

/** Every field with its schema default (undefined when it has none), by its name in docs/config.md (`profiles.<name>.mode`). */
const schemaFields: [string, unknown][] = [
  ...Object.entries(schema.properties ?? {}).flatMap(([key, node]): [string, unknown][] =>
    key === 'profiles'
      ? Object.entries(schema.definitions.profile.properties ?? {}).map(([field, n]): [string, unknown] => [`profiles.<name>.${field}`, n.default])
      : node.properties === undefined
        ? [[key, node.default]]
        : Object.entries(node.properties).map(([field, n]): [string, unknown] => [`${key}.${field}`, n.default]),
  ),
];
const schemaDefaults = schemaFields.filter(([, value]) => value !== undefined);

const parsed = parseDeployConfig('regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/A] }\n', 'org.yaml');
const parsedValue = (field: string): unknown => {
  const [head, ...rest] = field.split('.');
  if (head === 'profiles') return (parsed.profiles[0]?.values as unknown as Record<string, unknown>)[rest[1] as string];
  if (head === 'operation') return (parsed.operation as unknown as Record<string, unknown>)[rest[0] === 'regionConcurrency' ? 'regionConcurrencyType' : (rest[0] as string)];
  const top = (parsed as unknown as Record<string, unknown>)[head as string];
  return rest.length === 0 ? top : (top as Record<string, unknown>)[rest[0] as string];
};

const table = readFileSync(path.resolve(__dirname, '../../../docs/config.md'), 'utf8');
const readmeDefaults = new Map(
  [...table.matchAll(/^\| `([^`]+)`(?: \/ `(\w+)`)? \| ([^|]+) \|/gm)].flatMap((m): [string, string][] => {
    const [, field = '', sibling, text = ''] = m;
    const rows: [string, string][] = [[field, text.trim()]];
    if (sibling !== undefined) rows.push([field.replace(/\w+$/, sibling), text.trim()]);
    return rows;
  }),
);
const asReadme = (value: unknown): string => (value === '' ? 'empty' : `\`${Array.isArray(value) ? JSON.stringify(value) : String(value)}\``);

describe('config defaults', () => {
  it('the schema declares defaults', () => {
    expect(schemaDefaults.length).toBeGreaterThan(10);
  });

  it('the table of docs/config.md has a row for every field of the schema and no other', () => {
    const fields = schemaFields.map(([field]) => field).filter((field) => field !== 'profiles');
    expect([...readmeDefaults.keys()].filter((field) => field !== 'profiles.<name>').sort()).toEqual(fields.sort());
  });

  it.each(schemaDefaults)('%s: the parser fills the schema default', (field, value) => {
    expect(parsedValue(field)).toEqual(value);
  });

  it.each(schemaDefaults)('%s: the table of docs/config.md shows the schema default', (field, value) => {
    expect(readmeDefaults.get(field)).toBe(asReadme(value));
  });
});
