/** The final report of apply: operations, failed stack instances (account, region, reason), skipped steps. */
import type { ApplyReport } from './apply';
import { describeStep } from './progress';

export function applySucceeded(report: ApplyReport): boolean {
  return report.failedInstances.length === 0 && report.skipped.length === 0 && report.leftOut.length === 0 && report.outcomes.every((o) => o.status === 'SUCCEEDED');
}

export function renderApplyReport(report: ApplyReport): string {
  const lines: string[] = [];
  const failedOps = report.outcomes.filter((o) => o.status !== 'SUCCEEDED');
  const resumed = report.outcomes.filter((o) => o.resumed).length;
  lines.push(
    `Apply finished: ${report.outcomes.length} step(s), ${report.outcomes.length - failedOps.length} succeeded, ${failedOps.length} failed${resumed > 0 ? `, ${resumed} resumed (already running under its operation id)` : ''}.`,
  );
  for (const op of failedOps) lines.push(`  ✗ ${op.stackSet} ${op.kind} ${op.operationId ?? ''}: ${op.status}${op.statusReason === undefined ? '' : ` — ${op.statusReason}`}`);
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
  if (report.skipped.length > 0) {
    lines.push('', `Not run because an earlier operation failed (${report.skipped.length}):`);
    for (const s of report.skipped) lines.push(`  - ${s.stackSet}: ${describeStep(s)}`);
    lines.push('Fix the failures above and run apply again; it plans from the current state.');
  }
  return `${lines.join('\n')}\n`;
}
