/**
 * Parses the deploy config file once, at the boundary: YAML → JSON Schema (ajv, every error) → the
 * rule-parameter parser the handler uses → a typed DeployConfig with defaults filled in. Every problem
 * names the file, the path in it and the fix; all problems are reported together, before any AWS call.
 */
import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import schema from '../../../schema/deploy-config.schema.json';
import { ConfigError, RuleParameterError } from '../../errors';
import { DEFAULT_MATCHING } from '../../function-settings';
import { DEFAULT_RULE_PARAMETERS, parseAllowedCidrs, parseAllowedIngress, parseExemptTagKey, parseMode } from '../../rule-parameters';
import { DEFAULT_TEMPLATE_VALUES } from '../../template-parameters';
import { closestMatches } from '../org/closest';
import { checkRegions, checkRepeatedEntries, checkRepeatedOus, describeMalformedOuId, describeUnknownRegion, normalizeOuRef } from './config-checks';
import type { DeployConfig, DeployConfigFile, Profile, ProfileFile, RuleValues } from './config-types';
import { DEFAULT_OPERATION_PREFERENCES, DEFAULT_PREFIX, DEFAULT_PROVIDER_NAME, defaultAggregatorName } from './config-types';

export { schema as DEPLOY_CONFIG_SCHEMA };
export { normalizeOuRef };

/** One problem in the config file. */
export interface ConfigProblem {
  /** Path in the file, e.g. `profiles.mail.allowedIngress[2]`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
// `default` is documentation for editors here; defaults are filled in by parseDeployConfig.
const validateSchema = ajv.compile<DeployConfigFile>(schema);

export async function loadDeployConfig(file: string): Promise<DeployConfig> {
  return parseDeployConfig(await readConfigFile(file), file);
}

/** The config file's text, or a ConfigError naming the file and the fix. */
export async function readConfigFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError('cannot read the config file.', { where: file, fix: 'pass an existing YAML file with -c FILE (see examples/).', cause: error });
  }
}

/** Parses the text of a config file; throws one ConfigError listing every problem (cause: ConfigProblem[]). */
export function parseDeployConfig(text: string, file: string): DeployConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw toConfigError(
      file,
      document.errors.map((e) => ({
        path: e.linePos === undefined ? '' : `line ${e.linePos[0].line}, column ${e.linePos[0].col}`,
        message: `is not valid YAML: ${(e.message.split('\n')[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, '')}.`,
        fix: 'correct the YAML syntax (indentation, quotes, a key given twice).',
      })),
    );
  }
  const raw: unknown = document.toJS();
  if (raw === null || raw === undefined) {
    throw toConfigError(file, [{ path: '', message: 'the file is empty.', fix: 'start from examples/organization.yaml.' }]);
  }
  if (!validateSchema(raw)) {
    const errors = validateSchema.errors ?? [];
    // Also check the rule parameters of every profile the schema found well-formed: all problems at once.
    const problems = errors.map(describeSchemaError);
    const regionsRaw = (raw as { regions?: unknown }).regions;
    if (Array.isArray(regionsRaw)) problems.push(...checkRegions(regionsRaw));
    const profilesRaw = (raw as { profiles?: unknown }).profiles;
    if (typeof profilesRaw === 'object' && profilesRaw !== null && !Array.isArray(profilesRaw)) {
      for (const [name, profile] of Object.entries(profilesRaw as Record<string, ProfileFile>).sort(([a], [b]) => a.localeCompare(b))) {
        const at = `/profiles/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const clean = !errors.some((e) => e.instancePath === at || e.instancePath.startsWith(`${at}/`) || (e.instancePath === '/profiles' && (e.params as { propertyName?: string }).propertyName === name));
        if (clean) parseProfile(name, profile, problems);
      }
    }
    throw toConfigError(file, problems);
  }
  const problems: ConfigProblem[] = checkRegions(raw.regions);
  const profiles = Object.entries(raw.profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, profile]) => parseProfile(name, profile, problems));
  for (const profile of profiles) problems.push(...checkRepeatedOus(raw.profiles[profile.name]?.ous ?? [], `profiles.${profile.name}.ous`));
  problems.push(...checkRepeatedOus(raw.baseline?.skipOus ?? [], 'baseline.skipOus'));
  problems.push(...findSharedOus(profiles));
  if (raw.baseline?.existingBucketKeyPrefix && !raw.baseline.existingBucketName) {
    problems.push({ path: 'baseline.existingBucketKeyPrefix', message: 'is set but existingBucketName is not.', fix: 'set existingBucketName too, or remove existingBucketKeyPrefix.' });
  }
  if (problems.length > 0) throw toConfigError(file, problems);
  const prefix = raw.prefix ?? DEFAULT_PREFIX;
  const catalog = raw.serviceCatalog ?? {};
  return {
    file,
    prefix,
    regions: [...raw.regions],
    callAs: raw.callAs ?? 'SELF',
    baseline: {
      skipOus: (raw.baseline?.skipOus ?? []).map(normalizeOuRef),
      recordingFrequency: raw.baseline?.recordingFrequency ?? DEFAULT_TEMPLATE_VALUES.recordingFrequency,
      existingBucketName: raw.baseline?.existingBucketName ?? '',
      existingBucketKeyPrefix: raw.baseline?.existingBucketKeyPrefix ?? '',
    },
    profiles,
    operation: {
      regionConcurrencyType: raw.operation?.regionConcurrency ?? DEFAULT_OPERATION_PREFERENCES.regionConcurrencyType,
      maxConcurrentPercentage: raw.operation?.maxConcurrentPercentage ?? DEFAULT_OPERATION_PREFERENCES.maxConcurrentPercentage,
      failureTolerancePercentage: raw.operation?.failureTolerancePercentage ?? DEFAULT_OPERATION_PREFERENCES.failureTolerancePercentage,
      concurrencyMode: raw.operation?.concurrencyMode ?? DEFAULT_OPERATION_PREFERENCES.concurrencyMode,
    },
    aggregator: { create: raw.aggregator?.create ?? true, name: raw.aggregator?.name ?? defaultAggregatorName(prefix) },
    serviceCatalog: {
      portfolioName: catalog.portfolioName ?? prefix,
      providerName: catalog.providerName ?? DEFAULT_PROVIDER_NAME,
      productName: catalog.productName ?? prefix,
      perProfile: catalog.perProfile ?? false,
      shareOus: (catalog.shareOus ?? [...new Set(profiles.flatMap((p) => p.ous))]).map(normalizeOuRef),
      principals: [...(catalog.principals ?? [])],
      launchRoleName: catalog.launchRoleName ?? '',
    },
  };
}

function parseProfile(name: string, file: ProfileFile, problems: ConfigProblem[]): Profile {
  const at = `profiles.${name}`;
  const attempt = <T>(fallback: T, parse: () => T, rename?: string): T => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof RuleParameterError)) throw error;
      const where = rename === undefined ? (error.where ?? '') : rename;
      problems.push({ path: `${at}.${where}`, message: stripWhere(error), fix: error.fix ?? 'see the allowed-ingress grammar in docs/handler.md.' });
      return fallback;
    }
  };
  const allowedCidrsText = file.allowedCidrs ?? DEFAULT_RULE_PARAMETERS.allowedCidrs;
  const cidrs = attempt<string[] | undefined>(undefined, () => parseAllowedCidrs(allowedCidrsText));
  // Entries without @SOURCE need the CIDRs; if those are broken, check the entries against 0.0.0.0/0,::/0.
  const rules = attempt(undefined, () => parseAllowedIngress(file.allowedIngress, cidrs ?? ['0.0.0.0/0', '::/0']));
  if (cidrs !== undefined && rules !== undefined) problems.push(...checkRepeatedEntries({ at, allowedIngress: file.allowedIngress, allowedCidrs: allowedCidrsText, cidrs }));
  const mode = attempt(DEFAULT_RULE_PARAMETERS.mode, () => parseMode(file.mode ?? DEFAULT_RULE_PARAMETERS.mode));
  const exemptTagKey = file.exemptTagKey ?? DEFAULT_RULE_PARAMETERS.exemptTagKey;
  attempt(undefined, () => parseExemptTagKey(exemptTagKey));
  const scopeTagKey = (file.scopeTagKey ?? '').trim();
  if (scopeTagKey !== '') attempt(undefined, () => parseExemptTagKey(scopeTagKey), 'scopeTagKey');
  if ((file.scopeTagValue ?? '') !== '' && scopeTagKey === '') {
    problems.push({ path: `${at}.scopeTagValue`, message: 'is set but scopeTagKey is not.', fix: 'set scopeTagKey too, or remove scopeTagValue.' });
  }
  const values: RuleValues = {
    allowedIngress: file.allowedIngress.trim(),
    allowedCidrs: allowedCidrsText.trim(),
    mode: mode === 'enforce' || mode === 'report' ? mode : 'enforce',
    // The schema's enum has checked it.
    matching: file.matching ?? DEFAULT_MATCHING,
    exemptTagKey,
    scopeTagKey,
    scopeTagValue: file.scopeTagValue ?? '',
    evaluationFrequency: file.evaluationFrequency ?? DEFAULT_TEMPLATE_VALUES.evaluationFrequency,
    logRetentionDays: file.logRetentionDays ?? DEFAULT_TEMPLATE_VALUES.logRetentionDays,
  };
  return { name, ous: file.ous.map(normalizeOuRef), values };
}

/** The same OU written the same way in two profiles. (The planner catches id-vs-path duplicates.) */
function findSharedOus(profiles: readonly Profile[]): ConfigProblem[] {
  const owner = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const profile of profiles) {
    profile.ous.forEach((ou, index) => {
      const first = owner.get(ou);
      if (first === undefined) owner.set(ou, profile.name);
      else if (first !== profile.name) {
        problems.push({
          path: `profiles.${profile.name}.ous[${index}]`,
          message: `OU "${ou}" is also in profile "${first}"; an OU gets exactly one profile.`,
          fix: `remove it from one of the two profiles (a child OU of it may go in another profile).`,
        });
      }
    });
  }
  return problems;
}

function stripWhere(error: RuleParameterError): string {
  // RuleParameterError's message is "where: what Fix: fix"; keep only "what".
  let message = error.message;
  if (error.where !== undefined && message.startsWith(`${error.where}: `)) message = message.slice(error.where.length + 2);
  const fixAt = error.fix === undefined ? -1 : message.lastIndexOf(` Fix: ${error.fix}`);
  return fixAt < 0 ? message : message.slice(0, fixAt);
}

function toPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`), '');
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** One ajv error as a problem with the path in the file and the fix (also used for the org snapshot). */
export function describeSchemaError(error: ErrorObject): ConfigProblem {
  const path = toPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  const hint = description === undefined ? '' : ` (${description})`;
  switch (error.keyword) {
    case 'required':
      return { path: join(path, String(params.missingProperty)), message: 'is missing.', fix: `add it${propertyHint(error, String(params.missingProperty))}.` };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closestMatches(key, known, 1)[0];
      return {
        path: join(path, key),
        message: 'is not a known field.',
        fix: `${guess === undefined ? 'remove it' : `did you mean "${guess}"? Otherwise remove it`}; fields here: ${known.join(', ')}.`,
      };
    }
    case 'propertyNames':
      return { path: join(path, String(params.propertyName)), message: 'is not a valid profile name.', fix: 'use 1-40 lowercase letters, digits and dashes, starting with a letter or digit (it becomes part of a stack set name).' };
    case 'pattern':
      if (error.instancePath === '') return { path, message: String(error.message), fix: 'see the schema.' };
      if (/^regions\[\d+\]$/.test(path)) return describeUnknownRegion(path, String(error.data));
      if (error.schemaPath === '#/definitions/ouRef/pattern') return describeMalformedOuId(path, String(error.data));
      return { path, message: `"${String(error.data)}" does not have the expected form.`, fix: `write a value matching ${String(params.pattern)}${hint}.` };
    case 'enum':
      return { path, message: `"${String(error.data)}" is not allowed.`, fix: `use one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}.` };
    case 'type':
      return { path, message: `must be ${String(params.type)}, got ${Array.isArray(error.data) ? 'array' : error.data === null ? 'null' : typeof error.data}.`, fix: `write ${String(params.type) === 'string' ? 'a quoted string' : `a value of type ${String(params.type)}`} here${hint}.` };
    case 'uniqueItems': {
      // ajv names the pair in either order (it depends on the items' schema): report the later one.
      const [first, later] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return { path: `${path}[${String(later)}]`, message: `repeats item ${String(first)}.`, fix: 'remove the duplicate.' };
    }
    case 'minItems':
    case 'minProperties':
      return { path, message: 'is empty.', fix: `give at least ${String(params.limit)} entry${hint}.` };
    default:
      return { path, message: `${String(error.message)}.`, fix: `correct the value${hint}.` };
  }
}

function propertyHint(error: ErrorObject, key: string): string {
  const properties = (error.parentSchema as { properties?: Record<string, { description?: string }> } | undefined)?.properties;
  const description = properties?.[key]?.description;
  return description === undefined ? '' : ` (${description})`;
}

/** Every problem of an input file as one ConfigError; `subject` names the kind of file in the summary. */
export function toConfigError(file: string, problems: readonly ConfigProblem[], subject = 'the config file'): ConfigError {
  const line = (p: ConfigProblem): string => `${file}${p.path === '' ? '' : `:${p.path}`}: ${p.message} Fix: ${p.fix}`;
  if (problems.length === 1 && problems[0] !== undefined) {
    const [p] = problems;
    return new ConfigError(p.message, { where: `${file}${p.path === '' ? '' : `:${p.path}`}`, fix: p.fix, cause: problems });
  }
  return new ConfigError(`${problems.length} problems in ${subject} (nothing was sent to AWS):\n${problems.map((p) => `  - ${line(p)}`).join('\n')}`, {
    where: file,
    cause: problems,
  });
}

/** The problems a ConfigError from this module carries. */
export function configProblems(error: ConfigError): readonly ConfigProblem[] {
  return Array.isArray(error.cause) ? (error.cause as ConfigProblem[]) : [];
}
