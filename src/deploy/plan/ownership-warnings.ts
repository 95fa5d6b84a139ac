/** Warnings about stack sets that are not this rollout's: look-alikes it leaves alone, and other rollouts. */
import type { DeployConfig } from '../config/config-types';
import type { OwnedStackSet } from './current-state';
import { LEGACY_DESCRIPTION, readOwnershipMark } from './ownership';
import type { PlanWarning } from './plan-types';
import { isManagedStackSetName } from './stack-set-names';
import type { StackSetSummary } from './stack-set-state';

export function describeOwnershipWarnings(input: { config: DeployConfig; owned: readonly OwnedStackSet[]; others: readonly StackSetSummary[] }): PlanWarning[] {
  const { config } = input;
  const ours = new Set(input.owned.map((o) => o.state.name));
  const warnings: PlanWarning[] = [];
  const others = input.others.filter((s) => !ours.has(s.name)).sort((a, b) => a.name.localeCompare(b.name));
  for (const s of others) {
    const mark = readOwnershipMark(s.description);
    if (isManagedStackSetName(config.prefix, s.name) && mark?.prefix !== config.prefix) {
      warnings.push({
        kind: 'foreign-stack-set',
        message: `stack set ${s.name} has a name of this prefix's stack sets but is not marked as this rollout's (${mark === undefined ? 'no sg-guardrail ownership mark' : `it belongs to prefix "${mark.prefix}"`}); apply never modifies or deletes it.`,
        remedy:
          mark === undefined && s.description === LEGACY_DESCRIPTION
            ? 'if an earlier sg-guardrail made it for a profile you removed, delete it by hand (or put the profile back and run apply --adopt).'
            : 'nothing to do if it belongs to another rollout; otherwise choose a prefix no other rollout starts with.',
      });
    }
  }
  const otherBaselines = others.filter((s) => {
    const mark = readOwnershipMark(s.description);
    return mark === undefined ? s.description === LEGACY_DESCRIPTION && s.name.endsWith('-baseline') : mark.kind === 'baseline' && mark.prefix !== config.prefix;
  });
  if (otherBaselines.length > 0) {
    warnings.push({
      kind: 'other-rollout',
      message: `another sg-guardrail rollout is in this organization (${otherBaselines.map((s) => s.name).join(', ')}); AWS Config allows one configuration recorder per account and region, so wherever both baselines reach an account, the second recorder fails to deploy (MaxNumberOfConfigurationRecordersExceededException).`,
      remedy: 'keep one prefix per organization. To rename a rollout, remove the old one first (its stack instances, then its stack sets), or list the accounts it covers under baseline.skipOus of this config.',
    });
  }
  return warnings;
}
