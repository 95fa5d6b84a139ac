/** The final report of apply: operations, failed stack instances (account, region, reason), skipped steps, the aggregator stack. */
import type { AggregatorOutcome } from './aggregator-apply';
import type { ApplyReport } from './apply';
import { describeStep, stepSubject } from './progress';

export function applySucceeded(report: ApplyReport): boolean {
  const { aggregator } = report;
  const stackSets = report.failedInstances.length === 0 && report.skipped.length === 0 && report.leftOut.length === 0 && report.outcomes.every((o) => o.status === 'SUCCEEDED');
  return stackSets && aggregator.skipped.length === 0 && aggregator.outcomes.every((o) => o.succeeded);
}

/** What to do about a failed aggregator stack step. */
function aggregatorRemedy(o: AggregatorOutcome): string {
  if (o.kind === 'create-stack') return `Its creation rolled back (${o.status}); fix the cause above and run apply again: it deletes the failed stack and creates it afresh.`;
  if (o.kind === 'update-stack') return `Its update rolled back (${o.status}): the aggregator keeps its previous settings. Fix the cause above and run apply again.`;
  return 'Fix the cause above (the resource\'s own console shows what holds it), then run again.';
}

export function renderApplyReport(report: ApplyReport): string {
  const lines: string[] = [];
  const failedOps = report.outcomes.filter((o) => o.status !== 'SUCCEEDED');
  const failedStack = report.aggregator.outcomes.filter((o) => !o.succeeded);
  const total = report.outcomes.length + report.aggregator.outcomes.length;
  const failed = failedOps.length + failedStack.length;
  const resumed = report.outcomes.filter((o) => o.resumed).length;
  lines.push(`Apply finished: ${total} step(s), ${total - failed} succeeded, ${failed} failed${resumed > 0 ? `, ${resumed} resumed (already running under its operation id)` : ''}.`);
  for (const op of failedOps) lines.push(`  ✗ ${op.stackSet} ${op.kind} ${op.operationId ?? ''}: ${op.status}${op.statusReason === undefined ? '' : ` — ${op.statusReason}`}`);
  for (const o of failedStack) lines.push(`  ✗ ${o.stackName} ${o.kind}: ${o.status}${o.reason === undefined ? '' : ` — ${o.reason}`}`, `    ${aggregatorRemedy(o)}`);
  if (report.failedInstances.length > 0) {
    const rows = report.failedInstances.map((f) => [f.stackSet, f.account, f.region, f.status, f.reason]);
    const header = ['STACK SET', 'ACCOUNT', 'REGION', 'STATUS', 'REASON'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const format = (r: readonly string[]): string => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`;
    lines.push('', `Failed stack instances (${report.failedInstances.length}):`, format(header), ...rows.map(format));
  }
  if (report.leftOut.length > 0) {
    lines.push('', `Left out, because an earlier step failed there (${report.leftOut.length}):`);
    for (const l of report.leftOut) lines.push(`  - ${l.stackSet} ${l.account} (${l.regions.join(', ')}): ${l.reason}`);
    lines.push('They get their rule once the failure above is fixed and apply runs again.');
  }
  const skipped = [...report.skipped, ...report.aggregator.skipped];
  if (skipped.length > 0) {
    lines.push('', `Not run because an earlier operation failed (${skipped.length}):`);
    for (const s of skipped) lines.push(`  - ${stepSubject(s)}: ${describeStep(s)}`);
    lines.push('Fix the failures above and run apply again; it plans from the current state.');
  }
  return `${lines.join('\n')}\n`;
}
