import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTemplateBodies, declaredParameters, readTemplateBodies, requireAggregatorTemplate, sameTemplate } from '../../../src/deploy/plan/template-bodies';
import { BuildError, PlanError } from '../../../src/errors';
import { AGGREGATOR_PARAMETER, TEMPLATE_PARAMETER } from '../../../src/template-parameters';

const ROOT = path.resolve(__dirname, '../../..');

describe('template bodies', () => {
  it('reads DIR/baseline.yaml and DIR/rule.yaml, and DIR/aggregator.yaml when it is there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tpl-'));
    writeFileSync(path.join(dir, 'baseline.yaml'), 'B');
    writeFileSync(path.join(dir, 'rule.yaml'), 'R');
    await expect(readTemplateBodies(dir)).resolves.toEqual({ baseline: 'B', rule: 'R', dir });
    writeFileSync(path.join(dir, 'aggregator.yaml'), 'A');
    await expect(readTemplateBodies(dir)).resolves.toEqual({ baseline: 'B', rule: 'R', aggregator: 'A', dir });
  });

  it('a config that creates the aggregator needs its template: the error names the file and the fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tpl-'));
    writeFileSync(path.join(dir, 'baseline.yaml'), 'B');
    writeFileSync(path.join(dir, 'rule.yaml'), 'R');
    const bodies = await readTemplateBodies(dir);
    expect(() => requireAggregatorTemplate(bodies, 'org.yaml')).toThrow(PlanError);
    expect(() => requireAggregatorTemplate(bodies, 'org.yaml')).toThrow(
      `${path.join(dir, 'aggregator.yaml')}: the config creates the AWS Config aggregator (aggregator.create is true, the default), but the aggregator template is missing. Fix: run \`npm run build\``,
    );
    expect(() => requireAggregatorTemplate(bodies, 'org.yaml')).toThrow(/or set `aggregator: \{ create: false \}` in org\.yaml/);
    expect(requireAggregatorTemplate({ ...bodies, aggregator: 'A' }, 'org.yaml')).toBe('A');
  });

  it('names the missing file and the fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tpl-'));
    await expect(readTemplateBodies(dir)).rejects.toThrow(BuildError);
    await expect(readTemplateBodies(dir)).rejects.toThrow(/baseline\.yaml: template baseline\.yaml not found\. Fix: run `npm run build`/);
  });

  it.each([
    ['YAML with short-form tags', 'Parameters:\n  Mode: { Type: String, Default: report }\n  Ports: { Type: String }\nResources:\n  X: { Type: T, Properties: { A: !Ref Mode } }\n'],
    ['JSON', JSON.stringify({ Parameters: { Mode: { Type: 'String', Default: 'report' }, Ports: { Type: 'String' } } })],
  ])('reads the declared parameters of %s', (_name, body) => {
    expect(declaredParameters(body, 'rule')).toEqual([
      { name: 'Mode', hasDefault: true },
      { name: 'Ports', hasDefault: false },
    ]);
  });

  it.each([
    ['the same text', 'A: 1\n', 'A: 1\n', true],
    ['YAML and the same JSON', 'Resources:\n  X: { Type: T }\n', '{"Resources":{"X":{"Type":"T"}}}', true],
    ['other whitespace', 'A:   1\n\n', 'A: 1', true],
    ['a changed value', 'A: 1\n', 'A: 2\n', false],
    ['another short-form tag', 'A: !Ref X\n', 'A: !Sub X\n', false],
    ['the same short-form tags', 'A: !GetAtt [R, Arn]\n', 'A:   !GetAtt [R, Arn]\n', true],
    ['an unparsable body', 'A: [', 'A: [', true],
    ['an unparsable and a parsable body', 'A: [', 'A: 1', false],
  ])('sameTemplate: %s', (_name, a, b, same) => {
    expect(sameTemplate(a, b)).toBe(same);
  });

  it('rejects a body that is not a template', () => {
    expect(() => declaredParameters('just text', 'rule')).toThrow(PlanError);
  });

  // The in-process build writes the templates once templates/ exists in the checkout; before that it
  // must say so clearly.
  it('builds the templates in-process, or says why it cannot', async () => {
    const build = buildTemplateBodies(ROOT);
    if (existsSync(path.join(ROOT, 'templates', 'index.ts'))) {
      const bodies = await build;
      expect(declaredParameters(bodies.rule, 'rule').map((p) => p.name)).toContain(TEMPLATE_PARAMETER.allowedIngress);
      expect(declaredParameters(bodies.baseline, 'baseline').map((p) => p.name)).toContain(TEMPLATE_PARAMETER.recordingFrequency);
      expect(declaredParameters(bodies.aggregator ?? '', 'aggregator').map((p) => p.name)).toEqual([AGGREGATOR_PARAMETER.name, AGGREGATOR_PARAMETER.regions]);
      expect(bodies.dir).toBeUndefined();
    } else {
      await expect(build).rejects.toThrow(/the build wrote no baseline and rule templates\. Fix: .*--templates DIR/);
    }
  }, 60_000);
});
