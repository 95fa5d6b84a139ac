/** Stack set names of a prefix: a naming convention only; ownership is the mark (ownership.ts). */

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

/** Named like the prefix's stack sets: the baseline and every `<prefix>-rule-*`. */
export function isManagedStackSetName(prefix: string, name: string): boolean {
  return name === baselineStackSetName(prefix) || name.startsWith(`${prefix}-rule-`);
}
