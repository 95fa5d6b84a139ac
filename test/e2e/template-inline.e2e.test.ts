/**
 * End-to-end across the two layers: `npm run build` writes the rule template; the code inlined in its
 * Code.ZipFile must be byte-identical to dist/handler/index.min.js and, run as `index.js`, must handle the
 * lab's event with the rule parameters the template itself passes (its InputParameters resolved
 * against its parameter defaults) — so template and handler agree on the parameter contract.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBuild } from '../../src/build/build-runner';
import { parseTemplateYaml } from '../../src/build/render-template';
import { MAX_TEMPLATE_BODY_BYTES } from '../../src/build/template-files';
import { TEMPLATE_NAMES } from '../../src/template-parameters';
import { LOGICAL_ID } from '../../templates/index';
import { changeEvent, scheduledEvent } from './events';
import { startHarness } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');

interface BuiltTemplate {
  Parameters: Record<string, { Default?: string | number }>;
  Resources: Record<string, { Properties: Record<string, unknown> }>;
}

let outDir = '';
const read = (relative: string): Promise<string> => readFile(path.join(outDir, relative), 'utf8');

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'sg-guardrail-build-'));
  await runBuild({ rootDir: ROOT, outDir });
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** InputParameters is a map of `{Ref: Parameter}`: resolve each Ref to that parameter's default. */
function defaultRuleParameters(template: BuiltTemplate): Record<string, string> {
  return withDefaults(template, template.Resources[LOGICAL_ID.configRule]?.Properties.InputParameters as Record<string, { Ref: string }>);
}

/** The function's Environment with each `{Ref: Parameter}` resolved to that parameter's default. */
function defaultEnvironment(template: BuiltTemplate): Record<string, string> {
  const environment = template.Resources[LOGICAL_ID.function]?.Properties.Environment as { Variables: Record<string, { Ref: string }> };
  return withDefaults(template, environment.Variables);
}

function withDefaults(template: BuiltTemplate, input: Record<string, { Ref: string }>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => {
      const parameter = template.Parameters[value.Ref];
      if (parameter?.Default === undefined) throw new TypeError(`InputParameters.${key} refers to ${value.Ref}, which has no default`);
      return [key, String(parameter.Default)];
    }),
  );
}

describe.each(['rule', 'standalone'])('the %s template, as built', (name) => {
  it.each(['yaml', 'json'])('inlines exactly dist/handler/index.min.js (%s)', async (format) => {
    const text = await read(`templates/${name}.${format}`);
    const template = (format === 'yaml' ? parseTemplateYaml(text) : JSON.parse(text)) as BuiltTemplate;
    const zipFile = (template.Resources[LOGICAL_ID.function]?.Properties.Code as { ZipFile: string }).ZipFile;
    expect(zipFile).toBe(await read('handler/index.min.js'));
  });

  it('runs its inlined code as index.js on the lab event with its own default parameters', async () => {
    const template = parseTemplateYaml(await read(`templates/${name}.yaml`)) as BuiltTemplate;
    const zipFile = (template.Resources[LOGICAL_ID.function]?.Properties.Code as { ZipFile: string }).ZipFile;
    const ruleParameters = defaultRuleParameters(template);
    expect(ruleParameters).toEqual({ allowedIngress: '80,443', allowedCidrs: '0.0.0.0/0,::/0', mode: 'enforce', exemptTagKey: 'sg-guardrail:exempt' });
    const environment = defaultEnvironment(template);
    expect(environment).toEqual({ GUARDRAIL_SCOPE_TAG_KEY: '', GUARDRAIL_SCOPE_TAG_VALUE: '', GUARDRAIL_MATCHING: 'exact' });

    const h = startHarness(zipFile);
    try {
      const group = h.ec2.addGroup({ groupName: 'default', ingress: ['all@self', '80@0.0.0.0/0', '443@0.0.0.0/0', '465@0.0.0.0/0', '993@0.0.0.0/0'] });
      await h.invoke(changeEvent(group, { ruleParameters }), { environment });
      expect(h.ec2.ingressOf(group)).toEqual(['tcp:443@0.0.0.0/0', 'tcp:443@::/0', 'tcp:80@0.0.0.0/0', 'tcp:80@::/0']);
      expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT' });
      const writes = h.ec2.writeCount();
      await h.invoke(changeEvent(group, { ruleParameters }), { environment });
      await h.invoke(scheduledEvent({ ruleParameters }), { environment, context: { getRemainingTimeInMillis: () => 900_000 } });
      expect(h.ec2.writeCount()).toBe(writes);
    } finally {
      h.restore();
    }
  });
});

describe('the built templates', () => {
  it.each(TEMPLATE_NAMES.flatMap((name) => [`${name}.yaml`, `${name}.json`]))('%s fits the 51,200-byte TemplateBody with the handler inlined', async (file) => {
    const bytes = Buffer.byteLength(await read(`templates/${file}`));
    // The headroom is what later handler code may still use: shown on every test run.
    console.log(`templates/${file}: ${bytes.toLocaleString('en-US')} bytes, headroom ${(MAX_TEMPLATE_BODY_BYTES - bytes).toLocaleString('en-US')} bytes`);
    expect(bytes).toBeLessThanOrEqual(MAX_TEMPLATE_BODY_BYTES);
  });
});
