/**
 * The lint proper: references, usage, dependency graph and IAM grammar, on top of the schema
 * validation (cfn-schema.ts) and the resolution for parameter values (template-resolve.ts).
 */
import type { Json, JsonObject } from './cfn-schema';
import { readOnlyAttributes, validateProperties } from './cfn-schema';
import { isObject, text } from './template-resolve';

export * from './cfn-schema';
export * from './template-resolve';

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
