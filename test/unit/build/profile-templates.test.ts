/**
 * Hand-off templates per profile: the built rule and standalone templates with the profile's values
 * as Defaults, exactly what the profile's stack set gets, valid under the templates' own constraints,
 * deterministic, and named in the header after the profile and the config.
 */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuild } from '../../../src/build/build-runner';
import { describeConfigSource, loadProfileSource } from '../../../src/build/profile-source';
import { buildProfileTemplate, renderProfileTemplateFiles } from '../../../src/build/profile-templates';
import { renderTemplateJson } from '../../../src/build/render-template';
import { planRollout } from '../../../src/deploy/plan/planner';
import { buildTemplate } from '../../../templates/index';
import { config, orgFromPaths } from '../deploy/fixtures';
import { FAKE_HANDLER_CODE } from '../templates/fixtures';
import { matches } from '../templates/parameter-cases';
import type { JsonObject } from '../templates/template-lint';

const ROOT_DIR = path.resolve(__dirname, '..', '..', '..');
const TEXT = `prefix: acme
regions: [us-east-1]
baseline: { recordingFrequency: DAILY, existingBucketName: central-config, existingBucketKeyPrefix: o-abc123 }
profiles:
  web: { allowedIngress: "443", allowedCidrs: "10.0.0.0/8", mode: report, exemptTagKey: x, scopeTagKey: team, scopeTagValue: web, evaluationFrequency: One_Hour, logRetentionDays: 30, ous: [Root/Workloads] }
  mail: { allowedIngress: "25,465@10.0.0.0/8", ous: [Root/Mail] }
`;
const CONFIG = config(TEXT);
const SOURCE = describeConfigSource('/somewhere/org.yaml', TEXT);
const props = { handlerCode: FAKE_HANDLER_CODE, version: '1.2.3', config: CONFIG, source: SOURCE };
const files = renderProfileTemplateFiles(props);
const json = (p: string): JsonObject => JSON.parse(files.find((f) => f.path === p)?.content ?? 'null') as JsonObject;
const defaults = (t: JsonObject): Record<string, unknown> =>
  Object.fromEntries(Object.entries(t.Parameters as Record<string, JsonObject>).map(([k, p]) => [k, p.Default]));

describe('renderProfileTemplateFiles', () => {
  it('writes rule and standalone, YAML and JSON, per profile', () => {
    expect(files.map((f) => f.path).sort()).toEqual(
      ['mail', 'web'].flatMap((p) => ['rule', 'standalone'].flatMap((t) => [`profiles/${p}/${t}.json`, `profiles/${p}/${t}.yaml`])).sort(),
    );
  });

  it('gives the rule template exactly the values the planner gives the profile\'s stack set', () => {
    const plan = planRollout({
      config: CONFIG,
      org: orgFromPaths({ 'Root/Workloads': 1, 'Root/Mail': 1 }),
      current: [],
      templates: { baseline: renderTemplateJson(buildTemplate('baseline', { handlerCode: '' })), rule: renderTemplateJson(buildTemplate('rule', { handlerCode: '' })), aggregator: renderTemplateJson(buildTemplate('aggregator', { handlerCode: '' })) },
      prune: false,
    });
    for (const profile of ['web', 'mail']) {
      const sent = Object.fromEntries((plan.stackSets.find((s) => s.profile === profile)?.parameters ?? []).map((p) => [p.key, p.value]));
      const declared = Object.fromEntries(Object.entries(defaults(json(`profiles/${profile}/rule.json`))).map(([k, v]) => [k, String(v)]));
      expect(declared).toEqual(sent);
    }
  });

  it('gives standalone the profile\'s values, the config\'s recording settings, and keeps creating the recorder by default', () => {
    expect(defaults(json('profiles/web/standalone.json'))).toEqual({
      AllowedIngress: '443',
      AllowedCidrs: '10.0.0.0/8',
      Mode: 'report',
      Matching: 'exact',
      ExemptTagKey: 'x',
      ScopeTagKey: 'team',
      ScopeTagValue: 'web',
      EvaluationFrequency: 'One_Hour',
      LogRetentionDays: 30,
      ConfigRuleName: 'acme-web',
      CreateConfigRecorder: 'true',
      RecordingFrequency: 'DAILY',
      ExistingBucketName: 'central-config',
      ExistingBucketKeyPrefix: 'o-abc123',
    });
  });

  it.each(files.filter((f) => f.path.endsWith('.json')).map((f) => f.path))('%s: every Default passes its own constraints', (file) => {
    for (const [name, p] of Object.entries(json(file).Parameters as Record<string, JsonObject>)) {
      const value = typeof p.Default === 'number' ? String(p.Default) : (p.Default as string);
      if (typeof p.AllowedPattern === 'string') expect({ name, ok: matches(p.AllowedPattern, value) }).toEqual({ name, ok: true });
      if (Array.isArray(p.AllowedValues)) expect(p.AllowedValues).toContain(p.Default);
      if (typeof p.MaxLength === 'number') expect(value.length).toBeLessThanOrEqual(p.MaxLength);
    }
  });

  it('changes nothing but the Defaults and the Description', () => {
    const base = JSON.parse(renderTemplateJson(buildTemplate('standalone', { handlerCode: FAKE_HANDLER_CODE }))) as JsonObject;
    const profile = json('profiles/mail/standalone.json');
    const strip = (t: JsonObject): JsonObject => ({
      ...t,
      Description: '',
      Parameters: Object.fromEntries(Object.entries(t.Parameters as Record<string, JsonObject>).map(([k, { Default: _d, ...rest }]) => [k, rest])),
    });
    expect(strip(profile)).toEqual(strip(base));
  });

  it('names the profile and the config (file name and content hash, not its path) in the YAML header and the Description', () => {
    const yaml = files.find((f) => f.path === 'profiles/web/rule.yaml')?.content ?? '';
    expect(SOURCE.fileName).toBe('org.yaml');
    expect(yaml.split('\n').slice(0, 2)).toEqual([
      `# sg-guardrail 1.2.3, profile web of org.yaml (sha256 ${SOURCE.sha256}): rule template: AWS Config custom rule and Lambda that keep security-group ingress inside the allowed set (needs a Config recorder).`,
      '# Generated by `sg-guardrail build -c org.yaml`; edit the config or templates/ instead.',
    ]);
    expect(json('profiles/web/rule.json').Description).toMatch(/^sg-guardrail profile web of org\.yaml \(sha256 [0-9a-f]{12}\): rule template/);
    expect(yaml).not.toContain('/somewhere');
  });

  it('is deterministic', () => {
    expect(renderProfileTemplateFiles(props)).toEqual(files);
    expect(buildProfileTemplate('rule', CONFIG.profiles[0]!, props)).toEqual(buildProfileTemplate('rule', CONFIG.profiles[0]!, props));
  });
});

describe('runBuild with a config', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sg-guardrail-profiles-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes dist/profiles beside dist/templates, replaces a removed profile\'s files, and rebuilds byte-identically', async () => {
    const file = path.join(dir, 'org.yaml');
    await writeFile(file, TEXT);
    const outDir = path.join(dir, 'dist');
    await mkdir(path.join(outDir, 'profiles', 'gone'), { recursive: true });
    await writeFile(path.join(outDir, 'profiles', 'gone', 'rule.yaml'), 'stale');
    await runBuild({ rootDir: ROOT_DIR, outDir, profiles: await loadProfileSource(file) });
    const first = await readFile(path.join(outDir, 'profiles', 'web', 'standalone.yaml'));
    expect((await readdir(path.join(outDir, 'profiles'))).sort()).toEqual(['mail', 'web']);
    expect(await readdir(path.join(outDir, 'templates'))).toContain('standalone.yaml');
    await runBuild({ rootDir: ROOT_DIR, outDir, profiles: await loadProfileSource(file) });
    expect((await readFile(path.join(outDir, 'profiles', 'web', 'standalone.yaml'))).equals(first)).toBe(true);
  }, 60_000);
});
