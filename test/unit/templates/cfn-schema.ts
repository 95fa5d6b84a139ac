/**
 * The offline schema check our template tests use, beside the real cfn-lint (cfn-lint.test.ts): it
 * also validates the templates as resolved for each parameter scenario, which cfn-lint does not.
 *
 * Schemas: the official resource schemas vendored in test/vendor/cloudformation-resource-schemas/
 * (the tests read nothing outside the repository). A property may hold an intrinsic function where
 * the schema expects a literal, so before compiling, every property-level subschema S
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
export const SCHEMA_DIR = path.join(REPO_ROOT, 'test', 'vendor', 'cloudformation-resource-schemas');

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

