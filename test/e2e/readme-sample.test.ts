/** The README's sample `plan` output is what `plan` really prints for the example config. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderTemplateFiles } from '../../src/build/template-files';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { FAKE_HANDLER_CODE } from '../unit/templates/fixtures';
import { runCli } from './deploy-helpers';

const ROOT = path.resolve(__dirname, '..', '..');

let fakes: AwsFakes;
afterEach(() => fakes.restore());

it('README: the sample plan of examples/organization.yaml is the real output', async () => {
  // The organization the README describes: two OUs, three member accounts.
  const org = new OrganizationFake();
  org.addTree({ 'Root/Workloads': ['222222222222', '333333333333'], 'Root/Sandbox': ['444444444444'] });
  fakes = installAwsFakes({ organization: org });
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-guardrail-readme-'));
  for (const file of renderTemplateFiles({ handlerCode: FAKE_HANDLER_CODE, version: '0.0.0-test' })) {
    if (file.path.startsWith('templates/')) writeFileSync(path.join(dir, path.basename(file.path)), file.content);
  }
  const run = await runCli(['plan', '-c', path.join(ROOT, 'examples', 'organization.yaml'), '--templates', dir]);
  expect(run.code).toBe(0);
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const sample = /A real `plan` of[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(sample).toBe(run.stdout);
});
