/**
 * Small typed helpers over cloudform's intrinsic functions: cloudform's `Fn.Sub` always emits the
 * two-argument form, and several fragments need the same pseudo-parameter ARNs.
 */
import { Fn, IntrinsicFunction, Refs } from './cloudform';
import type { ConditionName } from './logical-ids';

/** `Fn::Sub` with only a string (rendered `!Sub '...'`), or with variables when given. */
export function sub(text: string, variables?: Readonly<Record<string, unknown>>): IntrinsicFunction {
  return new IntrinsicFunction('Fn::Sub', variables === undefined ? text : [text, variables]);
}

/** `Fn::Equals [!Ref parameter, ""]`: the parameter was left empty. */
export function isEmptyParameter(parameter: string): IntrinsicFunction {
  return Fn.Equals(Fn.Ref(parameter), '');
}

/** `Fn::Not [Fn::Equals [!Ref parameter, ""]]`: the parameter was given a value. */
export function isSetParameter(parameter: string): IntrinsicFunction {
  return Fn.Not(isEmptyParameter(parameter));
}

/** `Fn::If` on one of our conditions. */
export function ifCondition(condition: ConditionName, whenTrue: unknown, whenFalse: unknown): IntrinsicFunction {
  return Fn.If(condition, whenTrue, whenFalse);
}

/** `Fn::If` that drops the value (a property, a list element) when the condition is false. */
export function onlyIf(condition: ConditionName, value: unknown): IntrinsicFunction {
  return Fn.If(condition, value, Refs.NoValue);
}

/**
 * A dependency that exists only when `condition` holds. `DependsOn` cannot name a resource that a
 * condition removed (CloudFormation rejects the template), but a `Ref` inside `Fn::If` in a
 * resource's `Metadata` creates the same ordering edge and vanishes with the condition.
 */
export function conditionalDependencies(
  condition: ConditionName,
  logicalIds: readonly string[],
): Record<string, Record<string, IntrinsicFunction>> {
  return {
    ConditionalDependsOn: Object.fromEntries(logicalIds.map((id) => [id, onlyIf(condition, Fn.Ref(id))])),
  };
}
