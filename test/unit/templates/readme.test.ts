/** docs/templates.md's parameter table stays in step with the templates it documents. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATE_NAMES } from '../../../src/template-parameters';
import { plainTemplate } from './fixtures';
import { REPO_ROOT } from './template-lint';

const section = readFileSync(path.join(REPO_ROOT, 'docs', 'templates.md'), 'utf8');
const rows = new Map(
  [...section.matchAll(/^\| `(\w+)` \| ([\w, ]+) \| ([^|]+) \|/gm)].map((m) => [m[1] as string, { templates: m[2] as string, defaultText: (m[3] as string).trim() }]),
);

describe('docs/templates.md', () => {
  const declared = new Map<string, { templates: string[]; default: unknown }>();
  for (const name of TEMPLATE_NAMES) {
    for (const [parameter, definition] of Object.entries(plainTemplate(name).Parameters as Record<string, { Default: unknown }>)) {
      const entry = declared.get(parameter) ?? { templates: [], default: definition.Default };
      entry.templates.push(name);
      declared.set(parameter, entry);
    }
  }

  it.each([...declared.keys()])('documents %s with its templates and default', (parameter) => {
    const row = rows.get(parameter);
    const entry = declared.get(parameter);
    expect(row?.templates).toBe(entry?.templates.join(', '));
    expect(row?.defaultText).toBe(entry?.default === '' ? '*(empty)*' : `\`${String(entry?.default)}\``);
  });

  it('documents no parameter the templates lack', () => {
    expect([...rows.keys()].filter((p) => !declared.has(p))).toEqual([]);
  });

  it('shows the lab deployment with only CAPABILITY_IAM', () => {
    expect(section).toContain('--template-file dist/templates/standalone.yaml');
    expect(section).toContain('--capabilities CAPABILITY_IAM');
    expect(section).not.toContain('CAPABILITY_NAMED_IAM');
  });
});
