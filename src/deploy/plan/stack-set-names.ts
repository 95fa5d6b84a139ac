/** Stack set names of a prefix, and which existing stack sets really belong to it. */
import { TEMPLATE_PARAMETER } from '../../template-parameters';
import type { StackSetState } from './stack-set-state';

export function baselineStackSetName(prefix: string): string {
  return `${prefix}-baseline`;
}

export function ruleStackSetName(prefix: string, profile: string): string {
  return `${prefix}-rule-${profile}`;
}

/**
 * The AWS Config rule name of a profile, the same in every account and region, so one organization
 * aggregator query by rule name covers the whole rollout. At most 64 + 1 + 40 = 105 characters (the
 * config schema's prefix and profile limits), within Config's 128, of letters, digits and dashes.
 */
export function configRuleName(prefix: string, profile: string): string {
  return `${prefix}-${profile}`;
}

/** The stack sets of this prefix: the baseline and every `<prefix>-rule-*`. */
export function isManagedStackSetName(prefix: string, name: string): boolean {
  return name === baselineStackSetName(prefix) || name.startsWith(`${prefix}-rule-`);
}

/**
 * The prefix's stack sets, and those only named like them. A name like `<prefix>-rule-x` that is not
 * in the config is ours only if it deploys the rule template: `sg-rule-baseline` is the baseline of
 * prefix `sg-rule`, not profile "baseline" of prefix `sg`, and --prune must never take it.
 */
export function partitionStackSets(
  prefix: string,
  current: readonly StackSetState[],
  desiredNames: ReadonlySet<string>,
): { readonly managed: StackSetState[]; readonly foreign: StackSetState[] } {
  const named = current.filter((s) => isManagedStackSetName(prefix, s.name));
  const isForeign = (s: StackSetState): boolean => !desiredNames.has(s.name) && s.name !== baselineStackSetName(prefix) && !(TEMPLATE_PARAMETER.allowedIngress in s.parameters);
  return { managed: named.filter((s) => !isForeign(s)), foreign: named.filter(isForeign).sort((a, b) => a.name.localeCompare(b.name)) };
}
