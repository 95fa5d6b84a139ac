/** Resolution of a template for concrete parameter values, as CloudFormation evaluates it. */
import type { Json, JsonObject } from './cfn-schema';

const NO_VALUE = Symbol('NoValue');
type Resolved = Json | typeof NO_VALUE;

/** A JSON value as text, for messages and names. */
export const text = (value: Json | undefined): string => (typeof value === 'string' ? value : JSON.stringify(value));

export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

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

