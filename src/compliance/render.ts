/** The compliance report as text for people; `--json` prints the report itself. */
import type { ComplianceReport, ProfileCompliance } from './report';

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => `    ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
}

function renderProfile(p: ProfileCompliance): string[] {
  const t = p.totals;
  const head = `profile ${p.profile} (rule ${p.ruleName}): ${t.accounts} account(s), ${t.accountRegions} account-region(s): ${t.compliant} COMPLIANT, ${t.nonCompliant} NON_COMPLIANT${t.other > 0 ? `, ${t.other} other` : ''}; ${t.nonCompliantGroups} group(s) out of line`;
  if (p.accounts.length === 0) return [head];
  return [
    head,
    ...table([
      ['account', 'regions', 'non-compliant regions', 'groups out of line'],
      ...p.accounts.map((a) => {
        const bad = a.regions.filter((r) => r.compliance === 'NON_COMPLIANT').map((r) => r.region);
        return [a.accountId, String(a.regions.length), bad.length === 0 ? '-' : bad.join(', '), String(a.nonCompliantGroups)];
      }),
    ]),
  ];
}

export function renderComplianceReport(report: ComplianceReport): string {
  const scope = [report.scope.accountId === undefined ? '' : `account ${report.scope.accountId}`, report.scope.region === undefined ? '' : `region ${report.scope.region}`].filter((s) => s !== '');
  const lines = [
    `Compliance from AWS Config aggregator ${report.aggregator}${report.region === undefined ? '' : ` (${report.region})`}${scope.length === 0 ? '' : `, ${scope.join(', ')}`}:`,
    '',
    ...report.profiles.flatMap((p) => [...renderProfile(p), '']),
  ];
  if (report.nonCompliant.length === 0) {
    lines.push('No NON_COMPLIANT security group.');
  } else {
    lines.push(`NON_COMPLIANT security groups (${report.nonCompliant.length}):`);
    lines.push(
      ...table([
        ['profile', 'account', 'region', 'group', 'recorded', 'annotation'],
        ...report.nonCompliant.map((g) => [g.profile, g.accountId, g.region, g.resourceId, g.recordedAt ?? '-', g.annotation ?? '-']),
      ]),
    );
  }
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((n) => `  ! ${n}`));
  return `${lines.join('\n')}\n`;
}
