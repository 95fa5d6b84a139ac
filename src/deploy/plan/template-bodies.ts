/**
 * The template bodies plan and apply deploy: from a directory (`--templates DIR`, e.g. dist/templates) or
 * built in-process into a temporary directory. Also reads which parameters a template declares.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { runBuild } from '../../build/build-runner';
import { BuildError, PlanError } from '../../errors';
import type { ParameterValue } from './plan-types';

export interface TemplateBodies {
  readonly baseline: string;
  readonly rule: string;
  /**
   * The aggregator stack's template. Absent when DIR has no aggregator.yaml (an older build): that is
   * fine unless the config creates the aggregator (requireAggregatorTemplate).
   */
  readonly aggregator?: string;
  /** The directory the bodies were read from, which errors name; absent when built in-process. */
  readonly dir?: string;
}

export type StackSetTemplate = 'baseline' | 'rule';
export type TemplateName = StackSetTemplate | 'aggregator';

/** Reads DIR/baseline.yaml and DIR/rule.yaml, and DIR/aggregator.yaml if it is there. */
export async function readTemplateBodies(dir: string): Promise<TemplateBodies> {
  const read = async (name: TemplateName, optional: boolean): Promise<string | undefined> => {
    const file = path.join(dir, `${name}.yaml`);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new BuildError(`template ${name}.yaml not found.`, {
        where: file,
        fix: 'run `npm run build` (it writes dist/templates/) or pass --templates with the directory holding baseline.yaml, rule.yaml and aggregator.yaml.',
        cause: error,
      });
    }
  };
  // One after the other: a missing file is always reported in the same order.
  const baseline = (await read('baseline', false)) ?? '';
  const rule = (await read('rule', false)) ?? '';
  const aggregator = await read('aggregator', true);
  return { baseline, rule, ...(aggregator === undefined ? {} : { aggregator }), dir };
}

/**
 * The aggregator template, which a config that creates the aggregator needs: its absence stops the
 * plan before anything is changed.
 */
export function requireAggregatorTemplate(templates: TemplateBodies, configFile: string): string {
  if (templates.aggregator !== undefined) return templates.aggregator;
  throw new PlanError('the config creates the AWS Config aggregator (aggregator.create is true, the default), but the aggregator template is missing.', {
    where: templates.dir === undefined ? 'aggregator template' : path.join(templates.dir, 'aggregator.yaml'),
    fix: `run \`npm run build\` (it writes dist/templates/aggregator.yaml) and pass that directory to --templates, or set \`aggregator: { create: false }\` in ${configFile} if the organization has an aggregator already.`,
  });
}

/** Runs the build into a temporary directory and reads the templates it wrote. */
export async function buildTemplateBodies(rootDir: string): Promise<TemplateBodies> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'sg-guardrail-build-'));
  try {
    await runBuild({ rootDir, outDir });
    try {
      // The temporary directory is gone once this returns: no `dir` for errors to name.
      return { ...(await readTemplateBodies(path.join(outDir, 'templates'))), dir: undefined };
    } catch (error) {
      throw new BuildError('the build wrote no baseline and rule templates.', {
        where: 'sg-guardrail build (in-process)',
        fix: 'use a checkout whose build writes dist/templates/, or pass --templates DIR with baseline.yaml and rule.yaml.',
        cause: error,
      });
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * Equal templates, even if CloudFormation returns the body reformatted (JSON vs YAML, whitespace):
 * compared as parsed documents, so an unchanged template never causes an update.
 */
export function sameTemplate(a: string, b: string): boolean {
  if (a === b) return true;
  const parse = (body: string): string | undefined => {
    const document = parseDocument(body, { strict: false, logLevel: 'silent' });
    return document.errors.length > 0 ? undefined : JSON.stringify(canonical(document.contents));
  };
  const left = parse(a);
  return left !== undefined && left === parse(b);
}

/** Plain data from a YAML node, keeping CloudFormation short-form tags (`!Ref x` ≠ `!Sub x`). */
function canonical(node: unknown): unknown {
  let value: unknown;
  if (isMap(node)) {
    value = Object.fromEntries(node.items.map((pair) => [String(canonical(pair.key)), canonical(pair.value)]));
  } else if (isSeq(node)) {
    value = node.items.map(canonical);
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    return null;
  }
  const tag = (node as { tag?: string }).tag;
  return tag !== undefined && tag.startsWith('!') ? { [tag]: value } : value;
}

export interface DeclaredParameter {
  readonly name: string;
  readonly hasDefault: boolean;
}

/** The parameters a template (YAML or JSON) declares. CloudFormation short-form tags (!Ref) are tolerated. */
export function declaredParameters(body: string, name: TemplateName): DeclaredParameter[] {
  const document = parseDocument(body, { strict: false, logLevel: 'silent' });
  const template: unknown = document.errors.length > 0 ? undefined : document.toJS();
  if (typeof template !== 'object' || template === null) {
    throw new PlanError(`the ${name} template is not a YAML or JSON object.`, { where: `${name} template`, fix: 'rebuild the templates with `npm run build`.' });
  }
  const parameters = (template as { Parameters?: unknown }).Parameters ?? {};
  if (typeof parameters !== 'object' || parameters === null) return [];
  return Object.entries(parameters as Record<string, unknown>).map(([key, value]) => ({
    name: key,
    hasDefault: typeof value === 'object' && value !== null && 'Default' in value,
  }));
}

/** CreateStack(Set) / UpdateStack(Set) `TemplateBody` limit (AWS quota; TemplateURL would allow 1 MB). */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

export function checkTemplateSizes(templates: TemplateBodies): void {
  for (const name of ['baseline', 'rule', 'aggregator'] as const) {
    const bytes = Buffer.byteLength(templates[name] ?? '', 'utf8');
    if (bytes > MAX_TEMPLATE_BODY_BYTES) {
      throw new PlanError(`the ${name} template is ${bytes} bytes; CloudFormation takes at most ${MAX_TEMPLATE_BODY_BYTES} bytes in TemplateBody.`, {
        where: `${name} template`,
        fix: 'use the templates `npm run build` writes (they are size-checked), or shrink the template.',
      });
    }
  }
}

/** The values sg-guardrail sets, restricted to the parameters the template (`body`) declares. */
export function templateParameters(body: string, name: TemplateName, values: Readonly<Record<string, string>>): ParameterValue[] {
  const declared = declaredParameters(body, name);
  const missing = declared.filter((p) => !p.hasDefault && values[p.name] === undefined);
  if (missing.length > 0) {
    throw new PlanError(`the ${name} template requires parameter(s) ${missing.map((p) => p.name).join(', ')} that sg-guardrail does not set.`, {
      where: `${name} template`,
      fix: 'give those parameters a Default in the template, or rebuild the templates from this version of sg-guardrail.',
    });
  }
  return declared
    .filter((p) => values[p.name] !== undefined)
    .map((p) => ({ key: p.name, value: values[p.name] as string }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
