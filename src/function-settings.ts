/**
 * The settings the function reads from its Environment rather than from the Config rule's
 * InputParameters: the tag scope and the matching.
 *
 * Why a second channel: Config limits InputParameters to 1,024 characters, and the rule parameters
 * already take up to 1,002 of them at the templates' MaxLengths (allowedIngress 600, allowedCidrs 200,
 * exemptTagKey 128, mode, their keys and quotes; test/unit/templates/parameters.test.ts checks the
 * worst case). A scope tag key (128) and value (256) cannot fit beside them. The Lambda Environment
 * (4 KB for all variables) is set from the same template parameters as the rule's Scope, in the same
 * stack, so the two never disagree; the function parses it once per invocation, at the boundary,
 * like the rule parameters. A scheduled notification carries no scope (aws-facts H), so this is the
 * only way the sweep learns it.
 */
import { RuleParameterError } from './errors';

/** Environment variable names of the function (set by templates/lambda-function.ts). */
export const FUNCTION_ENVIRONMENT = {
  scopeTagKey: 'GUARDRAIL_SCOPE_TAG_KEY',
  scopeTagValue: 'GUARDRAIL_SCOPE_TAG_VALUE',
  matching: 'GUARDRAIL_MATCHING',
} as const;

/**
 * `exact`: a group holds exactly the allowed rules (enforce adds the missing ones and revokes the
 * rest). `ceiling`: the allowed rules are a ceiling (enforce revokes every other rule, adds nothing).
 */
export const MATCHINGS = ['exact', 'ceiling'] as const;
export type Matching = (typeof MATCHINGS)[number];
export const DEFAULT_MATCHING: Matching = 'exact';

/** A tag scope: groups with tag `key` (and, when set, exactly `value`). */
export interface TagScope {
  readonly key: string;
  readonly value?: string;
}

export interface FunctionSettings {
  /** Undefined: every security group of the account. */
  readonly scope?: TagScope;
  readonly matching: Matching;
}

/** The characters AWS allows in tag keys and values (as the template patterns). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function parseMatching(text: string, where: string = FUNCTION_ENVIRONMENT.matching): Matching {
  const matching = MATCHINGS.find((m) => m === text.trim());
  if (matching === undefined) {
    throw new RuleParameterError(`"${text}" is not a matching.`, { where, fix: 'use "exact" or "ceiling".' });
  }
  return matching;
}

/** Parses the function's Environment; unset variables take their defaults (no scope, exact). */
export function parseFunctionEnvironment(env: Readonly<Record<string, string | undefined>>): FunctionSettings {
  const key = env[FUNCTION_ENVIRONMENT.scopeTagKey] ?? '';
  const value = env[FUNCTION_ENVIRONMENT.scopeTagValue] ?? '';
  const matching = parseMatching(env[FUNCTION_ENVIRONMENT.matching] ?? DEFAULT_MATCHING);
  checkTagText(key, 128, FUNCTION_ENVIRONMENT.scopeTagKey);
  checkTagText(value, 256, FUNCTION_ENVIRONMENT.scopeTagValue);
  if (key !== '') return { scope: value === '' ? { key } : { key, value }, matching };
  if (value !== '') throw new RuleParameterError('is set without a scope tag key.', { where: FUNCTION_ENVIRONMENT.scopeTagValue, fix: 'set ScopeTagKey too, or clear ScopeTagValue.' });
  return { matching };
}

function checkTagText(text: string, max: number, where: string): void {
  if ([...text].length > max || !TAG_TEXT.test(text)) {
    throw new RuleParameterError(`"${text}" is not a tag ${max === 128 ? 'key' : 'value'}.`, { where, fix: `use up to ${max} letters, digits, spaces or _.:/=+-@.` });
  }
}
