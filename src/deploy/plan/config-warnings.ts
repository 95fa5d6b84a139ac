/**
 * Warnings about the config itself, for the plan: values that are valid but probably not meant. A
 * profile that opens all traffic, or more than 1,000 ports, to the whole internet (in enforce mode
 * the rule keeps every group in its OUs that open); a baseline.skipOus OU that skips nothing,
 * because it lies outside every profile's OUs or is not in the organization. Pure: (config, org) in.
 */
import type { IngressRule } from '../../ingress-rule';
import { parseAllowedCidrs, parseAllowedIngress } from '../../rule-parameters';
import type { DeployConfig, Profile } from '../config/config-types';
import type { OrgTree } from '../org/org-tree';
import { isWithin, resolveOuRef } from '../org/org-tree';
import type { PlanWarning } from './plan-types';

/** A port range wider than this is worth a second look (a typo like 80-8080, or `*`). */
export const WIDE_PORT_RANGE = 1_000;

const WORLD = new Set(['0.0.0.0/0', '::/0']);

export interface ConfigWarningsInput {
  readonly config: DeployConfig;
  readonly org: OrgTree;
}

export function describeConfigWarnings(input: ConfigWarningsInput): PlanWarning[] {
  return [...input.config.profiles.flatMap(describeOpenIngress), ...describeUnusedSkipOus(input)];
}

const worldSources = (rules: readonly IngressRule[]): string =>
  [...new Set(rules.flatMap((r) => (r.source.kind === 'ipv4' || r.source.kind === 'ipv6') && WORLD.has(r.source.cidr) ? [r.source.cidr] : []))].join(' and ');

function describeOpenIngress(profile: Profile): PlanWarning[] {
  // The config parser accepted these values; parsing again gives the atomic rules.
  const rules = parseAllowedIngress(profile.values.allowedIngress, parseAllowedCidrs(profile.values.allowedCidrs));
  const effect = profile.values.mode === 'enforce' ? 'the rule keeps every security group in its OUs open that way' : 'report mode: groups open that way count as COMPLIANT';
  const warnings: PlanWarning[] = [];
  const all = rules.filter((r) => r.protocol === '-1');
  if (worldSources(all) !== '') {
    warnings.push({
      kind: 'world-open-all',
      message: `profile ${profile.name} allows all traffic (every protocol and port) from ${worldSources(all)}; ${effect}.`,
      remedy: `allow only the ports the workloads need (e.g. "443"), or give "all" a narrower source (all@10.0.0.0/8) in profiles.${profile.name}.allowedIngress.`,
    });
  }
  const ranges = new Map<string, IngressRule[]>();
  for (const rule of rules) {
    if ((rule.protocol !== 'tcp' && rule.protocol !== 'udp') || rule.toPort - rule.fromPort + 1 <= WIDE_PORT_RANGE) continue;
    const key = `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
    ranges.set(key, [...(ranges.get(key) ?? []), rule]);
  }
  for (const [range, group] of ranges) {
    if (worldSources(group) === '') continue;
    const [first] = group;
    const count = first === undefined ? 0 : first.toPort - first.fromPort + 1;
    warnings.push({
      kind: 'wide-port-range',
      message: `profile ${profile.name} allows ${range} (${count.toLocaleString('en-US')} ports) from ${worldSources(group)}; ${effect}.`,
      remedy: `list the ports the workloads need, or give the range a narrower source, in profiles.${profile.name}.allowedIngress (over ${WIDE_PORT_RANGE.toLocaleString('en-US')} ports is flagged).`,
    });
  }
  return warnings;
}

function describeUnusedSkipOus({ config, org }: ConfigWarningsInput): PlanWarning[] {
  const profileOus = config.profiles.flatMap((p) => p.ous.flatMap((ref) => {
    const resolved = resolveOuRef(org, ref);
    return resolved.ok ? [resolved.node.id] : [];
  }));
  return config.baseline.skipOus.flatMap((ref, index): PlanWarning[] => {
    const where = `baseline.skipOus[${index}]`;
    const resolved = resolveOuRef(org, ref);
    if (!resolved.ok) {
      if ('ambiguous' in resolved) return []; // an error of resolveConfigOus
      const guess = resolved.suggestions[0];
      return [
        {
          kind: 'skip-ou-not-found',
          message: `${where}: OU "${ref}" is not in the organization, so it skips nothing.`,
          remedy: guess === undefined ? `remove it from ${config.file}, or create the OU first.` : `did you mean "${guess}"? Otherwise remove it from ${config.file}.`,
        },
      ];
    }
    const id = resolved.node.id;
    // It matters if it lies inside a profile's OU, or holds one.
    if (profileOus.some((ou) => isWithin(org, id, ou) || isWithin(org, ou, id))) return [];
    return [
      {
        kind: 'skip-ou-outside-profiles',
        message: `${where}: OU "${ref}" lies outside every profile's OUs, so skipping it changes nothing (the baseline goes only where a profile does).`,
        remedy: `remove it from ${config.file}, or add its OU to a profile if its accounts need the rule.`,
      },
    ];
  });
}
