/** Stack set names of a prefix: a naming convention only; ownership is the mark (ownership.ts). */

export function baselineStackSetName(prefix: string): string {
  return `${prefix}-baseline`;
}

export function ruleStackSetName(prefix: string, profile: string): string {
  return `${prefix}-rule-${profile}`;
}

/** Named like the prefix's stack sets: the baseline and every `<prefix>-rule-*`. */
export function isManagedStackSetName(prefix: string, name: string): boolean {
  return name === baselineStackSetName(prefix) || name.startsWith(`${prefix}-rule-`);
}
