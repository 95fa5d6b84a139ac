/**
 * `status`: per stack set, account and region, the instance status, the parameter values the account
 * really has (the stack set's own values, replaced by any ParameterOverrides of that instance) and the
 * drift status; optionally after a fresh DetectStackSetDrift.
 */
import { AwsCallError } from '../../errors';
import { waitForOperation } from '../apply/apply';
import type { DeployConfig } from '../config/config-types';
import { deriveOperationId } from '../plan/operation-id';
import type { OrgTree } from '../org/org-tree';
import { SILENT_PROGRESS } from '../apply/progress';
import { readRolloutState } from '../plan/rollout';
import type { StackSetsPort } from '../stack-sets-port';

export interface InstanceStatus {
  readonly account: string;
  readonly accountName: string | undefined;
  readonly ouPath: string | undefined;
  readonly region: string;
  readonly status: string;
  readonly detailedStatus: string | undefined;
  readonly statusReason: string | undefined;
  readonly driftStatus: string | undefined;
  /** The effective parameter values of this instance: the stack set's, replaced by its overrides. */
  readonly values: Readonly<Record<string, string>>;
  /**
   * True when the instance is CURRENT, so its stack really runs `values`. An OUTDATED instance (a
   * failed or stopped create/update) still runs what its last successful deployment gave it, if any:
   * CloudFormation does not report those values to the administrator account.
   */
  readonly valuesDeployed: boolean;
  /** Keys whose value comes from an override on this instance, not from the stack set. */
  readonly overridden: readonly string[];
}

export interface StackSetStatus {
  readonly name: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly drift: { readonly operationId: string; readonly status: string } | undefined;
  readonly instances: readonly InstanceStatus[];
}

export interface StatusOptions {
  readonly config: DeployConfig;
  readonly port: StackSetsPort;
  readonly org: OrgTree | undefined;
  readonly detectDrift: boolean;
  readonly pollIntervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  readonly account?: string;
  readonly region?: string;
  /** Parallel DescribeStackInstance calls (one per instance, for the overrides). */
  readonly concurrency?: number;
}

export async function collectStatus(options: StatusOptions): Promise<StackSetStatus[]> {
  const { port } = options;
  const drift = new Map<string, { operationId: string; status: string }>();
  if (options.detectDrift) {
    const names = (await readRolloutState(options.config, port)).current.map((s) => s.name);
    await Promise.all(
      names.map(async (name) => {
        const operationId = deriveOperationId('drift', { name, at: options.now().toISOString() });
        // Only one operation at a time may run without managed execution: wait for it, then start ours.
        for (let attempt = 0; (await port.detectDrift(name, operationId)) === 'busy'; attempt += 1) {
          if (attempt >= 360) {
            throw new AwsCallError('another operation kept the stack set busy; drift detection did not start.', { where: name, fix: 'run status --detect-drift again later.' });
          }
          await options.sleep(options.pollIntervalMs);
        }
        const { state } = await waitForOperation(undefined, operationId, { port, progress: SILENT_PROGRESS, pollIntervalMs: options.pollIntervalMs, sleep: options.sleep, stackSet: name });
        drift.set(name, { operationId, status: state.status });
      }),
    );
  }
  const result: StackSetStatus[] = [];
  for (const state of (await readRolloutState(options.config, port, { account: options.account, region: options.region })).current) {
    const selected = state.instances.filter((i) => (options.account === undefined || i.account === options.account) && (options.region === undefined || i.region === options.region));
    const instances: InstanceStatus[] = [];
    const limit = options.concurrency ?? 8;
    for (let i = 0; i < selected.length; i += limit) {
      const batch = await Promise.all(
        selected.slice(i, i + limit).map(async (instance): Promise<InstanceStatus> => {
          const overrides = await port.readParameterOverrides(state.name, instance.account, instance.region);
          const account = options.org?.accounts.get(instance.account);
          return {
            account: instance.account,
            accountName: account?.name,
            ouPath: instance.ouId === undefined ? undefined : (options.org?.nodes.get(instance.ouId)?.path ?? instance.ouId),
            region: instance.region,
            status: instance.status,
            detailedStatus: instance.detailedStatus,
            statusReason: instance.statusReason,
            driftStatus: instance.driftStatus,
            values: { ...state.parameters, ...overrides },
            valuesDeployed: instance.status === 'CURRENT',
            overridden: Object.keys(overrides).sort(),
          };
        }),
      );
      instances.push(...batch);
    }
    instances.sort((a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region));
    result.push({ name: state.name, parameters: state.parameters, drift: drift.get(state.name), instances });
  }
  return result;
}

export function renderStatus(status: readonly StackSetStatus[]): string {
  if (status.length === 0) return 'No stack sets of this prefix exist yet; run plan and apply.\n';
  const lines: string[] = [];
  for (const set of status) {
    lines.push(`${set.name}${set.drift === undefined ? '' : `  (drift detection ${set.drift.operationId}: ${set.drift.status})`}`);
    lines.push(`  stack set values: ${Object.entries(set.parameters).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
    const header = ['ACCOUNT', 'NAME', 'OU', 'REGION', 'STATUS', 'DRIFT', 'VALUES'];
    const rows = set.instances.map((i) => [
      i.account,
      i.accountName ?? '',
      i.ouPath ?? '',
      i.region,
      `${i.status}${i.detailedStatus === undefined ? '' : `/${i.detailedStatus}`}${i.statusReason === undefined || i.status === 'CURRENT' ? '' : ` (${i.statusReason})`}`,
      i.driftStatus ?? '',
      `${i.valuesDeployed ? '' : 'NOT DEPLOYED YET (runs its previous values, if any): '}${i.overridden.length === 0 ? 'stack set values' : i.overridden.map((k) => `${k}=${JSON.stringify(i.values[k])} (override)`).join(' ')}`,
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
    const format = (r: readonly string[]): string => `  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ')}`;
    lines.push(format(header), ...(rows.length === 0 ? ['  (no stack instances)'] : rows.map(format)), '');
  }
  return `${lines.join('\n')}\n`;
}
