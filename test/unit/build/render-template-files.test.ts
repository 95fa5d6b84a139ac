/**
 * The template files of the build: written by runBuild, deterministic, size-checked, and carrying
 * the bundled handler byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuild } from '../../../src/build/build-runner';
import { parseTemplateYaml } from '../../../src/build/render-template';
import { MAX_TEMPLATE_BODY_BYTES, assertTemplateBodyFits, renderTemplateBody, renderTemplateFiles } from '../../../src/build/template-files';
import { BuildError } from '../../../src/errors';
import { TEMPLATE_NAMES } from '../../../src/template-parameters';
import { buildRuleTemplate, readInlineHandlerCode } from '../../../templates/index';

const ROOT_DIR = path.resolve(__dirname, '..', '..', '..');
const EXPECTED_FILES = [
  'handler/index.js',
  'handler/index.min.js',
  'service-catalog/launch-role.yaml',
  'service-catalog/portfolio.yaml',
  ...TEMPLATE_NAMES.flatMap((n) => [`templates/${n}.json`, `templates/${n}.yaml`]),
].sort();

/** An intrinsic function in its long form (`Ref:`, `Fn::Sub:`) as a YAML key. */
const LONG_FORM = /(^|[\s{,-])(Ref|Fn::\w+):/gm;

/** The YAML text without the inlined handler's literal block (the code may contain anything). */
function withoutInlinedCode(yaml: string): string {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => /^\s*ZipFile: \|/.test(line));
  if (start < 0) return yaml;
  const indent = (line: string) => line.length - line.trimStart().length;
  const end = lines.findIndex((line, i) => i > start && line.trim() !== '' && indent(line) <= indent(lines[start] ?? ''));
  return [...lines.slice(0, start + 1), ...lines.slice(end < 0 ? lines.length : end)].join('\n');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('runBuild writes the templates', () => {
  const dirs: string[] = [];
  const build = async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'sg-guardrail-build-'));
    dirs.push(outDir);
    return { outDir, result: await runBuild({ rootDir: ROOT_DIR, outDir }) };
  };
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  // Two builds for the whole file (a build bundles the handler twice): the tests below read the first.
  let first: Awaited<ReturnType<typeof build>>;
  let second: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    [first, second] = await Promise.all([build(), build()]);
  }, 60_000);

  it('twice, byte-identically, every file reported with its size and inside the limit', async () => {
    expect(await listFiles(first.outDir)).toEqual(EXPECTED_FILES);
    expect(first.result.files.map((f) => f.path.split(path.sep).join('/')).sort()).toEqual(EXPECTED_FILES);
    for (const file of EXPECTED_FILES) {
      const [a, b] = await Promise.all([readFile(path.join(first.outDir, file)), readFile(path.join(second.outDir, file))]);
      expect({ file, same: a.equals(b) }).toEqual({ file, same: true });
      const reported = first.result.files.find((f) => f.path.split(path.sep).join('/') === file);
      expect(reported?.bytes).toBe(a.length);
      // A template must fit in a TemplateBody; the readable bundle beside the inlined one need not.
      if (!file.startsWith('handler/')) expect(a.length).toBeLessThanOrEqual(MAX_TEMPLATE_BODY_BYTES);
    }
  }, 60_000);

  it('inlines dist/handler/index.min.js byte for byte in the YAML and the JSON templates, its SHA-256 in the header', async () => {
    const { outDir } = first;
    const bundle = await readFile(path.join(outDir, 'handler', 'index.min.js'), 'utf8');
    const sha256 = createHash('sha256').update(bundle, 'utf8').digest('hex');
    expect(bundle.length).toBeGreaterThan(0);
    for (const name of ['rule', 'standalone']) {
      const text = await readFile(path.join(outDir, 'templates', `${name}.yaml`), 'utf8');
      const yaml = parseTemplateYaml(text) as any;
      const json = JSON.parse(await readFile(path.join(outDir, 'templates', `${name}.json`), 'utf8'));
      expect(yaml.Resources.GuardrailFunction.Properties.Code.ZipFile).toBe(bundle);
      expect(json.Resources.GuardrailFunction.Properties.Code.ZipFile).toBe(bundle);
      expect(text.split('\n')[2]).toContain(`SHA-256: ${sha256}; it is dist/handler/index.min.js`);
    }
    for (const file of ['templates/baseline.yaml', 'service-catalog/portfolio.yaml']) {
      expect((await readFile(path.join(outDir, file), 'utf8')).split('\n')[2]).toBe('# Inlined code: none.');
    }
  }, 60_000);

  it('writes the same bundle unminified as dist/handler/index.js, for review: readable, and the same exports', async () => {
    const { outDir } = first;
    const readable = await readFile(path.join(outDir, 'handler', 'index.js'), 'utf8');
    const minified = await readFile(path.join(outDir, 'handler', 'index.min.js'), 'utf8');
    expect(readable.split('\n').length).toBeGreaterThan(1000);
    expect(readable).toContain('// handler/evaluate-event.ts');
    expect(readable).toMatch(/async function evaluateEvent\(/);
    expect(readable.length).toBeGreaterThan(minified.length);
    // Both load as CommonJS and export the Lambda handler (node_modules/.cache: @aws-sdk resolves).
    const dir = path.join(ROOT_DIR, 'node_modules', '.cache', 'sg-guardrail-readable');
    await mkdir(dir, { recursive: true });
    dirs.push(dir);
    for (const [name, code] of [['readable.js', readable], ['minified.js', minified]] as const) {
      await writeFile(path.join(dir, name), code);
      const script = `process.stdout.write(Object.keys(require(${JSON.stringify(path.join(dir, name))})).join())`;
      expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: process.env })).toBe('handler');
    }
  }, 60_000);

  it('the inlined code loads as CommonJS index.js and exports handler, as Lambda runs it', async () => {
    const { outDir } = first;
    const yaml = parseTemplateYaml(await readFile(path.join(outDir, 'templates', 'standalone.yaml'), 'utf8')) as any;
    // Inside node_modules/.cache so `require('@aws-sdk/...')` resolves like the runtime's bundled SDK.
    const dir = path.join(ROOT_DIR, 'node_modules', '.cache', 'sg-guardrail-inline');
    await mkdir(dir, { recursive: true });
    dirs.push(dir);
    const file = path.join(dir, 'index.js');
    await writeFile(file, yaml.Resources.GuardrailFunction.Properties.Code.ZipFile as string);
    const script = `const m = require(${JSON.stringify(file)}); process.stdout.write(typeof m.handler);`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: process.env })).toBe('function');
  }, 60_000);

  it('writes intrinsics in YAML only as short tags, and JSON without any tag', async () => {
    const { outDir } = first;
    for (const file of EXPECTED_FILES.filter((f) => f.endsWith('.yaml'))) {
      const text = withoutInlinedCode(await readFile(path.join(outDir, file), 'utf8'));
      const longForms = [...text.matchAll(LONG_FORM)].map((m) => m[0].trim());
      expect({ file, longForms }).toEqual({ file, longForms: [] });
      expect(text).toMatch(/!Ref |!Sub |!GetAtt |!If /);
    }
    for (const file of EXPECTED_FILES.filter((f) => f.endsWith('.json'))) {
      expect(await readFile(path.join(outDir, file), 'utf8')).not.toMatch(/"!(Ref|Sub|GetAtt|If)\b/);
    }
    expect([...withoutInlinedCode('a:\n  ZipFile: |\n    Ref: x\n  b: {Fn::Join: [x]}\n').matchAll(LONG_FORM)]).toHaveLength(1);
  }, 60_000);

  it('names the version of package.json in each YAML header', async () => {
    const { outDir } = first;
    const { version } = JSON.parse(await readFile(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string };
    for (const file of EXPECTED_FILES.filter((f) => f.endsWith('.yaml'))) {
      expect((await readFile(path.join(outDir, file), 'utf8')).startsWith(`# sg-guardrail ${version}, `)).toBe(true);
    }
  }, 60_000);
});

describe('template size', () => {
  // Roughly the real bundle: minified CommonJS, ~4% double quotes, a few newlines.
  const realisticBundle = (bytes: number) => {
    const chunk = 'var e=require("@aws-sdk/client-ec2");async function t(n){let r=await n.send(new e.X({GroupIds:[n.id]}));return r}\n';
    return chunk.repeat(Math.ceil(bytes / chunk.length)).slice(0, bytes);
  };

  // The bundle is about 25 KB today; the standalone template leaves room for about 35 KB of
  // minified code (less with many lines: YAML indents each).
  it.each([25_000, 30_000])('leaves room for a %d-byte handler in every file (YAML and JSON)', (bytes) => {
    const files = renderTemplateFiles({ handlerCode: realisticBundle(bytes), version: '1.0.0' });
    const largest = Math.max(...files.map((f) => Buffer.byteLength(f.content)));
    expect(largest).toBeLessThan(MAX_TEMPLATE_BODY_BYTES);
  });

  it('fails the build with the file, the excess and the fix when a template is too big', () => {
    const run = () => renderTemplateFiles({ handlerCode: realisticBundle(45_000), version: '1.0.0' });
    expect(run).toThrow(BuildError);
    expect(run).toThrow(/^dist\/templates\/rule\.(yaml|json): the template is [\d,]+ bytes, [\d,]+ over CloudFormation's 51,200-byte TemplateBody limit\. Fix: shrink the handler bundle/);
  });

  it('accepts exactly the limit and refuses one byte more', () => {
    expect(() => assertTemplateBodyFits({ path: 'x.yaml', content: 'a'.repeat(MAX_TEMPLATE_BODY_BYTES) })).not.toThrow();
    expect(() => assertTemplateBodyFits({ path: 'x.yaml', content: 'a'.repeat(MAX_TEMPLATE_BODY_BYTES + 1) })).toThrow(
      'dist/x.yaml: the template is 51,201 bytes, 1 over',
    );
  });

  it('counts bytes, not characters', () => {
    expect(() => assertTemplateBodyFits({ path: 'x.yaml', content: 'é'.repeat(MAX_TEMPLATE_BODY_BYTES / 2 + 1) })).toThrow(BuildError);
  });
});

describe('renderTemplateBody (for the deploy code)', () => {
  it.each(['yaml', 'json'] as const)('is the %s file the build writes', (format) => {
    const props = { handlerCode: 'exports.handler=async()=>{};\n', version: '1.2.3' };
    const files = renderTemplateFiles(props);
    for (const name of TEMPLATE_NAMES) {
      expect(renderTemplateBody({ ...props, name, format })).toBe(files.find((f) => f.path === `templates/${name}.${format}`)?.content);
    }
  });

  it('defaults to YAML and refuses a body over the limit', () => {
    expect(renderTemplateBody({ name: 'baseline', handlerCode: '', version: '1.2.3' }).startsWith('# sg-guardrail 1.2.3, baseline template')).toBe(true);
    expect(() => renderTemplateBody({ name: 'rule', handlerCode: 'x'.repeat(MAX_TEMPLATE_BODY_BYTES), version: '1' })).toThrow(BuildError);
  });
});

describe('readInlineHandlerCode', () => {
  it('returns the code a template carries (for the handler e2e harness)', () => {
    expect(readInlineHandlerCode(buildRuleTemplate({ handlerCode: 'exports.handler=async()=>{};' }))).toBe('exports.handler=async()=>{};');
  });
});
