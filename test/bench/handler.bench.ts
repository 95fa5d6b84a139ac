/**
 * Handler benchmark (`npm run bench`): for groups of 10, 100 and 1,000 ingress rules, the time of
 * normalize + diff per group and the AWS calls one evaluation makes when the group is compliant,
 * drifted (enforce) and drifted (report). Calls are counted against the in-memory EC2 and Config
 * wired into the real SDK clients, with the 60-rule limit lifted so 1,000 rules fit.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { parseAllowedIngress } from '../../src/rule-parameters';
import { createAwsAdapter } from '../../handler/aws-adapter';
import { diffRules } from '../../handler/core/diff';
import type { LiveRule } from '../../handler/core/live-rule';
import { groupLiveRules } from '../../handler/core/live-rule';
import { evaluateEvent } from '../../handler/evaluate-event';
import { changeEvent } from '../e2e/events';
import { wireFakes } from '../e2e/harness';

const SIZES = [10, 100, 1000] as const;
const ports = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => String(from + i));

/** Allowed: ports 1000…1000+n-1. Drifted groups hold the upper half of those plus n/2 others. */
function scenario(n: number): { allowed: string; compliant: string[]; drifted: string[] } {
  const allowed = ports(1000, n);
  return { allowed: allowed.join(','), compliant: allowed, drifted: [...allowed.slice(n / 2), ...ports(20000, n / 2)] };
}

function diffMicros(n: number): number {
  const { allowed, drifted } = scenario(n);
  const allowedRules = parseAllowedIngress(allowed, ['0.0.0.0/0']);
  const live: LiveRule[] = drifted.map((port, i) => ({ ruleId: `sgr-${i}`, protocol: '6', fromPort: Number(port), toPort: Number(port), cidrIpv4: '0.0.0.0/0' }));
  const iterations = Math.max(20, Math.round(200_000 / n));
  for (let i = 0; i < 10; i += 1) diffRules(allowedRules, groupLiveRules(live), 'exact');
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) diffRules(allowedRules, groupLiveRules(live), 'exact');
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

async function countCalls(n: number, kind: 'compliant' | 'drifted' | 'report'): Promise<string> {
  const { ec2, config, restore } = wireFakes({ ec2: { rulesPerGroup: Number.POSITIVE_INFINITY } });
  try {
    const { allowed, compliant, drifted } = scenario(n);
    const group = ec2.addGroup({ ingress: (kind === 'compliant' ? compliant : drifted).map((p) => `${p}@0.0.0.0/0`) });
    const adapter = createAwsAdapter({ ec2: new EC2Client({}), config: new ConfigServiceClient({}) });
    const ruleParameters = { allowedIngress: allowed, allowedCidrs: '0.0.0.0/0', mode: kind === 'report' ? 'report' : 'enforce' };
    await evaluateEvent(changeEvent(group, { ruleParameters }), { adapter, now: () => new Date(), log: () => undefined });
    const reads = ec2.calls.filter((c) => c.operation.startsWith('Describe')).length;
    const writes = ec2.calls.length - reads;
    return `${reads}R ${writes}W ${config.putCalls.length}P = ${ec2.calls.length + config.putCalls.length}`;
  } finally {
    restore();
  }
}

export async function run(): Promise<void> {
  const rows: string[][] = [['rules/group', 'diff µs/group', 'compliant', 'drifted (enforce)', 'drifted (report)']];
  for (const n of SIZES) {
    rows.push([String(n), diffMicros(n).toFixed(1), await countCalls(n, 'compliant'), await countCalls(n, 'drifted'), await countCalls(n, 'report')]);
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const line = (r: string[]): string => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('AWS calls per evaluation: R = EC2 reads, W = EC2 writes, P = config:PutEvaluations.');
}
