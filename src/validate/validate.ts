/**
 * `sg-guardrail validate -c FILE [--org SNAPSHOT.json]`: the config checked fully offline (schema,
 * grammar, profile rules: the same parser plan and apply use), and with a snapshot from
 * `plan --save-org`, the OUs resolved and the targeting printed. No credentials, no network, and no
 * AWS SDK module is loaded (a test holds this module's imports to that).
 */
import { loadDeployConfig } from '../deploy/config/config';
import type { DeployConfig } from '../deploy/config/config-types';
import type { OrgSnapshot } from '../deploy/org/org-snapshot';
import { loadOrgSnapshot } from '../deploy/org/org-snapshot';
import { indexOrg } from '../deploy/org/org-index';
import type { OrgTree } from '../deploy/org/org-tree';
import { countReachableAccounts } from '../deploy/org/org-tree';
import { describeWarnings } from '../deploy/plan/plan-warnings';
import { baselineStackSetName, configRuleName, ruleStackSetName } from '../deploy/plan/stack-set-names';
import { BASELINE_LABEL, computeBaselineTargets, computeRuleTargets, resolveConfigOus } from '../deploy/plan/targeting';
import { resolveShareTargets } from '../publish/share-targets';

export interface ValidateOptions {
  readonly configFile: string;
  readonly orgFile: string | undefined;
}

/** Prints the result; a bad config or snapshot throws a ConfigError (every problem, with the fix). Resolves to the exit code. */
export async function runValidateCommand(options: ValidateOptions, out: (text: string) => void): Promise<number> {
  const config = await loadDeployConfig(options.configFile);
  const lines = [
    `${config.file}: valid. ${config.profiles.length} profile(s) (${config.profiles.map((p) => p.name).join(', ')}), ${config.regions.length} region(s) (${config.regions.join(', ')}), prefix ${config.prefix}, callAs ${config.callAs}.`,
  ];
  if (options.orgFile !== undefined) {
    const { tree, snapshot } = await loadOrgSnapshot(options.orgFile);
    lines.push('', ...describeTargeting(config, tree, { file: options.orgFile, snapshot }));
  } else {
    lines.push('OUs were not resolved: pass --org SNAPSHOT.json (written by `sg-guardrail plan -c FILE --save-org SNAPSHOT.json`) to check them too.');
  }
  out(`${lines.join('\n')}\n`);
  return 0;
}

/** What each stack set would target in the snapshot's organization, and whom publish would share with. */
export function describeTargeting(config: DeployConfig, tree: OrgTree, source: { readonly file: string; readonly snapshot: OrgSnapshot }): string[] {
  const ous = resolveConfigOus(config, tree);
  const ruleTargets = computeRuleTargets(tree, ous);
  const baselineTargets = computeBaselineTargets(tree, ous);
  const shares = resolveShareTargets(config, tree);
  const reach = countReachableAccounts(tree);
  const list = (ids: readonly string[]): string =>
    ids.length === 0 ? '(none)' : ids.map((id) => `${tree.nodes.get(id)?.path ?? id} (${id}, ${reach.get(id) ?? 0} account(s))`).join(', ');
  const saved = source.snapshot.savedAt === undefined ? '' : `, saved ${source.snapshot.savedAt}`;
  const lines = [
    `Targeting in ${source.file} (${tree.nodes.size} OUs and roots, ${tree.accounts.size} accounts${saved}):`,
    `  ${baselineStackSetName(config.prefix)}: ${list(baselineTargets.targets.get(BASELINE_LABEL) ?? [])}`,
    ...config.profiles.map((p) => `  ${ruleStackSetName(config.prefix, p.name)} (rule ${configRuleName(config.prefix, p.name)}): ${list(ruleTargets.targets.get(p.name) ?? [])}`),
    `  Service Catalog shares (publish): ${shares.map((s) => (s.type === 'ORGANIZATION' ? `the whole organization (${s.value})` : `${s.path} (${s.value})`)).join(', ') || '(none)'}`,
  ];
  const warnings = describeWarnings({ index: indexOrg(tree), config, desired: { stackSets: [], ruleTargets, baselineTargets }, stackSets: [], owned: [], others: [] });
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.flatMap((w) => [`  ! ${w.message}`, `    → ${w.remedy}`]));
  return lines;
}
