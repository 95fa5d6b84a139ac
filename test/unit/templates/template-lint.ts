/**
 * The offline CloudFormation linter our template tests use (cfn-lint is not installable here).
 *
 * Schemas: the official resource schemas in ../shared/cfn-schemas/. A property may hold an intrinsic
 * function where the schema expects a literal, so before compiling, every property-level subschema S
 * becomes `anyOf: [S, INTRINSIC]` (INTRINSIC = an object with exactly one key `Ref`, `Fn::*` or
 * `Condition`). Alternatives inside oneOf/anyOf/allOf are not wrapped (an intrinsic would then match
 * several branches of a oneOf); their parent property is. To also check what the intrinsics yield,
 * the tests validate templates *resolved* for concrete parameter values (`resolveTemplate`: conditions
 * evaluated, `Fn::If` chosen, `AWS::NoValue` removed, resources of false conditions dropped).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCHEMA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'cfn-schemas');

const INTRINSIC = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  propertyNames: { pattern: '^(Ref|Condition|Fn::[A-Za-z]+)$' },
};

type Schema = { [key: string]: unknown };
const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

function acceptIntrinsic(schema: unknown): unknown {
  return isSchema(schema) ? { anyOf: [transformSchema(schema), INTRINSIC] } : schema;
}

/** Rewrites a resource schema so intrinsic functions are accepted wherever a value is expected. */
export function transformSchema(schema: Schema): Schema {
  const out: Schema = { ...schema };
  const mapValues = (key: string, fn: (s: unknown) => unknown) => {
    const value = out[key];
    if (isSchema(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)]));
  };
  mapValues('properties', acceptIntrinsic);
  mapValues('patternProperties', acceptIntrinsic);
  mapValues('definitions', (s) => (isSchema(s) ? transformSchema(s) : s));
  mapValues('dependencies', (s) => (isSchema(s) ? transformSchema(s) : s));
  if (isSchema(out.additionalProperties)) out.additionalProperties = acceptIntrinsic(out.additionalProperties);
  if (Array.isArray(out.items)) out.items = out.items.map(acceptIntrinsic);
  else if (isSchema(out.items)) out.items = acceptIntrinsic(out.items);
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map((s) => (isSchema(s) ? transformSchema(s) : s));
  }
  return out;
}

/**
 * The schemas' patterns are written for Java/Python regex engines (`\\Z`, `\\A`); translate those
 * anchors, and fall back to non-Unicode mode for patterns JavaScript's `u` flag rejects.
 */
function compilePattern(pattern: string): RegExp {
  const translated = pattern.replace(/\\Z/g, '$').replace(/\\A/g, '^');
  try {
    return new RegExp(translated, 'u');
  } catch {
    return new RegExp(translated);
  }
}
const regExp = Object.assign((pattern: string) => compilePattern(pattern), { code: 'new RegExp' });

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp } });
const validators = new Map<string, ValidateFunction>();
const rawSchemas = new Map<string, Schema>();

export function loadSchema(type: string): Schema {
  const cached = rawSchemas.get(type);
  if (cached !== undefined) return cached;
  const file = path.join(SCHEMA_DIR, `${type.replace(/::/g, '_')}.json`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Schema;
  rawSchemas.set(type, schema);
  return schema;
}

/** Schema errors of one resource's Properties ([] when valid). */
export function validateProperties(type: string, properties: Json | undefined): string[] {
  let validate = validators.get(type);
  if (validate === undefined) {
    // $schema names CloudFormation's meta-schema, which ajv cannot resolve offline.
    const schema = { ...loadSchema(type) };
    delete schema.$schema;
    validate = ajv.compile(transformSchema(schema));
    validators.set(type, validate);
  }
  if (validate(properties ?? {})) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Attributes `Fn::GetAtt` may read: the schema's readOnlyProperties at the top level. */
export function readOnlyAttributes(type: string): string[] {
  const list = (loadSchema(type).readOnlyProperties as string[] | undefined) ?? [];
  return list.map((p) => p.replace(/^\/properties\//, '').replace(/\//g, '.'));
}

// ---------------------------------------------------------------------------------------------
// Resolution for concrete parameter values

const NO_VALUE = Symbol('NoValue');
type Resolved = Json | typeof NO_VALUE;

/** A JSON value as text, for messages and names. */
export const text = (value: Json | undefined): string => (typeof value === 'string' ? value : JSON.stringify(value));

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

export function parameterValue(template: JsonObject, values: Readonly<Record<string, string>>, name: string): string {
  if (name in values) return values[name] as string;
  const parameter = (template.Parameters as JsonObject | undefined)?.[name];
  if (!isObject(parameter) || parameter.Default === undefined) throw new Error(`parameter ${name} has no value`);
  return text(parameter.Default);
}

export function evaluateCondition(template: JsonObject, values: Readonly<Record<string, string>>, expression: Json): boolean {
  const conditions = (template.Conditions ?? {}) as JsonObject;
  const scalar = (v: Json): string => {
    if (isObject(v) && typeof v.Ref === 'string') return parameterValue(template, values, v.Ref);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new Error(`cannot evaluate ${JSON.stringify(v)}`);
  };
  if (!isObject(expression)) throw new Error(`not a condition: ${JSON.stringify(expression)}`);
  const [key] = Object.keys(expression);
  const args = expression[key as string];
  switch (key) {
    case 'Condition': {
      const named = conditions[args as string];
      if (named === undefined) throw new Error(`unknown condition ${text(args)}`);
      return evaluateCondition(template, values, named);
    }
    case 'Fn::Equals': {
      const [a, b] = args as Json[];
      return scalar(a as Json) === scalar(b as Json);
    }
    case 'Fn::Not':
      return !evaluateCondition(template, values, (args as Json[])[0] as Json);
    case 'Fn::And':
      return (args as Json[]).every((c) => evaluateCondition(template, values, c));
    case 'Fn::Or':
      return (args as Json[]).some((c) => evaluateCondition(template, values, c));
    case undefined:
    default:
      throw new Error(`unsupported condition function ${String(key)}`);
  }
}

/**
 * The template as CloudFormation would see it for these parameter values: resources and outputs
 * whose condition is false removed, `Fn::If` replaced by the chosen branch, `AWS::NoValue` dropped.
 * Refs to parameters are kept (the schemas then see intrinsics there).
 */
export function resolveTemplate(template: JsonObject, values: Readonly<Record<string, string>> = {}): JsonObject {
  const holds = (name: string) => evaluateCondition(template, values, { Condition: name });
  const resolve = (value: Json): Resolved => {
    if (Array.isArray(value)) return value.map(resolve).filter((v): v is Json => v !== NO_VALUE);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && value.Ref === 'AWS::NoValue') return NO_VALUE;
    if (keys.length === 1 && keys[0] === 'Fn::If') {
      const [condition, whenTrue, whenFalse] = value['Fn::If'] as [string, Json, Json];
      return resolve(holds(condition) ? whenTrue : whenFalse);
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resolve(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  };
  const keep = (section: Json | undefined): JsonObject | undefined => {
    if (!isObject(section)) return undefined;
    const out: JsonObject = {};
    for (const [id, entry] of Object.entries(section)) {
      if (isObject(entry) && typeof entry.Condition === 'string' && !holds(entry.Condition)) continue;
      out[id] = resolve(entry) as Json;
    }
    return out;
  };
  const resolved: JsonObject = { ...template };
  const resources = keep(template.Resources);
  const outputs = keep(template.Outputs);
  if (resources !== undefined) resolved.Resources = resources;
  if (outputs !== undefined) resolved.Outputs = outputs;
  return resolved;
}

// ---------------------------------------------------------------------------------------------
// References

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

export interface References {
  /** Every name a `Ref` or a `${Name}` in `Fn::Sub` points at. */
  readonly refs: Set<string>;
  /** Every `Fn::GetAtt` (and `${Res.Attr}` in Fn::Sub) as `Resource.Attribute`. */
  readonly getAtts: Set<string>;
  /** Every condition named by `Fn::If` or `{Condition: X}`. */
  readonly conditions: Set<string>;
}

/** Collects the references inside a value (a resource, an output, a condition). */
export function collectReferences(value: Json, into?: References): References {
  const refs: References = into ?? { refs: new Set(), getAtts: new Set(), conditions: new Set() };
  const visit = (v: Json, subVariables: ReadonlySet<string> = new Set()): void => {
    if (Array.isArray(v)) return v.forEach((item) => visit(item, subVariables));
    if (!isObject(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = v[key] as Json;
      if (key === 'Ref' && typeof arg === 'string') return void refs.refs.add(arg);
      if (key === 'Condition' && typeof arg === 'string') return void refs.conditions.add(arg);
      if (key === 'Fn::GetAtt') {
        const [res, attr] = typeof arg === 'string' ? arg.split(/\.(.*)/s) : (arg as string[]);
        return void refs.getAtts.add(`${String(res)}.${String(attr)}`);
      }
      if (key === 'Fn::If') {
        const [condition, ...branches] = arg as Json[];
        refs.conditions.add(text(condition));
        return branches.forEach((b) => visit(b));
      }
      if (key === 'Fn::Sub') {
        const [text, variables] = typeof arg === 'string' ? [arg, {}] : (arg as [string, JsonObject]);
        for (const variable of Object.values(variables)) visit(variable);
        const local = new Set(Object.keys(variables));
        for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = match[1] as string;
          if (local.has(name)) continue;
          if (name.includes('.') && !name.startsWith('AWS::')) refs.getAtts.add(name);
          else refs.refs.add(name);
        }
        return;
      }
    }
    for (const item of Object.values(v)) visit(item, subVariables);
  };
  visit(value);
  return refs;
}

// ---------------------------------------------------------------------------------------------
// The lint: problems CloudFormation (or cfn-lint) would report

export interface LintOptions {
  /**
   * The template was resolved for concrete parameter values: a parameter or condition may then be
   * unused (its Fn::If branch was dropped), so only the raw template is checked for that.
   */
  readonly resolved?: boolean;
}

export function lintTemplate(template: JsonObject, options: LintOptions = {}): string[] {
  const problems: string[] = [];
  const parameters = (template.Parameters ?? {}) as JsonObject;
  const resources = (template.Resources ?? {}) as JsonObject;
  const conditions = (template.Conditions ?? {}) as JsonObject;
  const outputs = (template.Outputs ?? {}) as JsonObject;
  const refTargets = new Set([...Object.keys(parameters), ...Object.keys(resources), ...PSEUDO_PARAMETERS]);

  for (const [name, parameter] of Object.entries(parameters)) {
    const p = parameter as JsonObject;
    if (typeof p.Description !== 'string') problems.push(`parameter ${name} has no Description`);
    if (p.AllowedPattern === undefined && p.AllowedValues === undefined) problems.push(`parameter ${name} has no AllowedPattern/AllowedValues`);
    if (typeof p.ConstraintDescription !== 'string') problems.push(`parameter ${name} has no ConstraintDescription`);
  }

  const used: References = { refs: new Set(), getAtts: new Set(), conditions: new Set() };
  const check = (where: string, value: Json, countsAsUse = true) => {
    const found = collectReferences(value);
    for (const ref of found.refs) if (!refTargets.has(ref)) problems.push(`${where}: Ref/Sub ${ref} does not resolve`);
    for (const getAtt of found.getAtts) {
      const [res, attr] = getAtt.split(/\.(.*)/s) as [string, string];
      const target = resources[res] as JsonObject | undefined;
      if (target === undefined) problems.push(`${where}: GetAtt ${getAtt} names no resource`);
      else if (!readOnlyAttributes(text(target.Type)).includes(attr)) problems.push(`${where}: ${text(target.Type)} has no attribute ${attr}`);
    }
    for (const c of found.conditions) if (!(c in conditions)) problems.push(`${where}: condition ${c} does not exist`);
    if (countsAsUse) collectReferences(value, used);
  };

  for (const [name, condition] of Object.entries(conditions)) check(`Conditions.${name}`, condition);
  for (const [id, resource] of Object.entries(resources)) {
    const r = resource as JsonObject;
    check(`Resources.${id}`, r);
    if (typeof r.Condition === 'string') {
      used.conditions.add(r.Condition);
      if (!(r.Condition in conditions)) problems.push(`Resources.${id}: condition ${r.Condition} does not exist`);
    }
    const dependsOn = r.DependsOn === undefined ? [] : ([] as Json[]).concat(r.DependsOn);
    for (const dep of dependsOn) if (!(text(dep) in resources)) problems.push(`Resources.${id}: DependsOn ${text(dep)} does not exist`);
    const type = text(r.Type);
    for (const error of validateProperties(type, r.Properties)) problems.push(`Resources.${id} (${type}): ${error}`);
  }
  for (const [name, output] of Object.entries(outputs)) {
    const o = output as JsonObject;
    check(`Outputs.${name}`, o);
    if (typeof o.Condition === 'string') used.conditions.add(o.Condition);
  }
  for (const [name, rule] of Object.entries((template.Rules ?? {}) as JsonObject)) check(`Rules.${name}`, rule, false);

  if (options.resolved !== true) {
    for (const name of Object.keys(parameters)) if (!used.refs.has(name)) problems.push(`parameter ${name} is never used`);
    for (const name of Object.keys(conditions)) if (!used.conditions.has(name)) problems.push(`condition ${name} is never used`);
  }
  problems.push(...findDependencyCycles(template));
  return problems;
}

/** Edges a resource → the resources it references (Ref, GetAtt, Sub, DependsOn, Metadata too). */
export function dependencyGraph(template: JsonObject): Map<string, Set<string>> {
  const resources = (template.Resources ?? {}) as JsonObject;
  const graph = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const r = resource as JsonObject;
    const found = collectReferences({ ...r, DependsOn: null });
    const edges = new Set<string>();
    for (const ref of found.refs) if (ref in resources) edges.add(ref);
    for (const getAtt of found.getAtts) edges.add(getAtt.split('.')[0] as string);
    for (const dep of r.DependsOn === undefined ? [] : ([] as Json[]).concat(r.DependsOn)) edges.add(text(dep));
    graph.set(id, edges);
  }
  return graph;
}

/** Every resource `id` waits for, directly or not. */
export function transitiveDependencies(template: JsonObject, id: string): Set<string> {
  const graph = dependencyGraph(template);
  const seen = new Set<string>();
  const stack = [...(graph.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

function findDependencyCycles(template: JsonObject): string[] {
  const graph = dependencyGraph(template);
  return [...graph.keys()].filter((id) => transitiveDependencies(template, id).has(id)).map((id) => `resource ${id} is in a dependency cycle`);
}

/** Every IAM policy document in the template, with where it is. */
export function policyDocuments(template: JsonObject): { where: string; document: JsonObject }[] {
  const found: { where: string; document: JsonObject }[] = [];
  for (const [id, resource] of Object.entries((template.Resources ?? {}) as JsonObject)) {
    const props = ((resource as JsonObject).Properties ?? {}) as JsonObject;
    if (isObject(props.AssumeRolePolicyDocument)) found.push({ where: `${id}.AssumeRolePolicyDocument`, document: props.AssumeRolePolicyDocument });
    if (isObject(props.PolicyDocument)) found.push({ where: `${id}.PolicyDocument`, document: props.PolicyDocument });
    for (const [i, policy] of ((props.Policies ?? []) as Json[]).entries()) {
      const doc = (policy as JsonObject).PolicyDocument;
      if (isObject(doc)) found.push({ where: `${id}.Policies[${i}]`, document: doc });
    }
  }
  return found;
}

/** IAM policy grammar problems in a resolved document (no Fn::If left in Statement). */
export function lintPolicyDocument(where: string, document: JsonObject, kind: 'identity' | 'resource' | 'trust'): string[] {
  const problems: string[] = [];
  if (document.Version !== '2012-10-17') problems.push(`${where}: Version must be 2012-10-17`);
  const statements = document.Statement;
  if (!Array.isArray(statements) || statements.length === 0) return [...problems, `${where}: Statement must be a non-empty list`];
  const sids = new Set<string>();
  for (const [i, raw] of statements.entries()) {
    const at = `${where}.Statement[${i}]`;
    if (!isObject(raw)) {
      problems.push(`${at}: not an object`);
      continue;
    }
    const s = raw;
    const allowed = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
    for (const key of Object.keys(s)) if (!allowed.has(key)) problems.push(`${at}: unknown key ${key}`);
    if (typeof s.Sid === 'string') {
      if (!/^[A-Za-z0-9]+$/.test(s.Sid)) problems.push(`${at}: Sid must be alphanumeric`);
      if (sids.has(s.Sid)) problems.push(`${at}: duplicate Sid ${s.Sid}`);
      sids.add(s.Sid);
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') problems.push(`${at}: Effect must be Allow or Deny`);
    const actions = ([] as Json[]).concat(s.Action ?? []);
    if (actions.length === 0) problems.push(`${at}: no Action`);
    for (const a of actions) if (typeof a !== 'string' || !/^(\*|[a-z0-9-]+:[A-Za-z0-9*]+)$/.test(a)) problems.push(`${at}: bad action ${JSON.stringify(a)}`);
    const needsPrincipal = kind !== 'identity';
    if (needsPrincipal !== (s.Principal !== undefined)) problems.push(`${at}: Principal ${needsPrincipal ? 'missing' : 'not allowed'}`);
    if ((kind === 'trust') === (s.Resource !== undefined)) problems.push(`${at}: Resource ${kind === 'trust' ? 'not allowed' : 'missing'}`);
    if (s.Condition !== undefined) {
      if (!isObject(s.Condition)) problems.push(`${at}: Condition must be an object`);
      else for (const [op, body] of Object.entries(s.Condition)) if (!/^[A-Za-z]+$/.test(op) || !isObject(body)) problems.push(`${at}: bad condition ${op}`);
    }
  }
  return problems;
}
