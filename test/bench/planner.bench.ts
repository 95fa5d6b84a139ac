/**
 * Planning at organization scale: 1,000 OUs (three levels) and 10,000 accounts over 17 regions. Reads
 * the tree through the real Organizations reader (SDK client, fake service), then plans a first
 * rollout from nothing and a re-plan of the deployed state, each including the proof (the simulation
 * of every step over ~170,000 instances per stack set). Reports time, peak memory, Organizations
 * calls, and StackSet operations needed versus one operation per OU and region, against the targets:
 * each plan under 2 s, the process under 200 MB.
 */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { readOrganization } from '../../src/aws/organizations-reader';
import { parseDeployConfig } from '../../src/deploy/config/config';
import type { Plan } from '../../src/deploy/plan/plan-types';
import { planRollout } from '../../src/deploy/plan/planner';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import { TEMPLATES, simulateApply } from '../unit/deploy/fixtures';

const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1',
];

function buildOrganization(): OrganizationFake {
  const org = new OrganizationFake();
  // 10 top-level OUs × 9 children × 10 grandchildren = 10 + 90 + 900 = 1,000 OUs; 10 accounts in each.
  for (let a = 0; a < 10; a += 1) {
    const top = org.addOu(org.rootId, `Unit${a}`);
    for (let i = 0; i < 10; i += 1) org.addAccount(top);
    for (let b = 0; b < 9; b += 1) {
      const mid = org.addOu(top, `Team${b}`);
      for (let i = 0; i < 10; i += 1) org.addAccount(mid);
      for (let c = 0; c < 10; c += 1) {
        const leaf = org.addOu(mid, `Env${c}`);
        for (let i = 0; i < 10; i += 1) org.addAccount(leaf);
      }
    }
  }
  return org;
}

const CONFIG = `
regions: [${REGIONS.join(', ')}]
baseline: { skipOus: [Root/Unit9] }
profiles:
  default: { allowedIngress: "443", ous: [Root] }
  web: { allowedIngress: "80,443", ous: [Root/Unit1, Root/Unit2, Root/Unit3] }
  dmz: { allowedIngress: "80,443,8443", ous: [Root/Unit1/Team0, Root/Unit2/Team4, Root/Unit5/Team8] }
  pci: { allowedIngress: "443@10.0.0.0/8", ous: [${Array.from({ length: 20 }, (_, i) => `Root/Unit${i % 10}/Team${i % 9}/Env${i % 10}`).join(', ')}] }
  mail: { allowedIngress: "25,465,587,993", ous: [Root/Unit7/Team1/Env3] }
`;

function instanceOperations(plan: Plan): number {
  return plan.steps.filter((s) => s.kind === 'create-instances' || s.kind === 'delete-instances').length;
}

function naiveOperations(plan: Plan): number {
  return plan.stackSets.reduce((sum, s) => sum + s.targets.length * s.regions.length, 0);
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function run(): Promise<void> {
  const fakeOrg = buildOrganization();
  const fakes = installAwsFakes({ organization: fakeOrg });
  try {
    const config = parseDeployConfig(CONFIG, 'bench.yaml');

    // Collect what earlier work left, so each figure is the plan's own (npm run bench exposes gc).
    const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
    let started = performance.now();
    const { tree, calls } = await readOrganization(new OrganizationsClient({ region: 'us-east-1' }));
    const readMs = performance.now() - started;

    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    started = performance.now();
    const first = planRollout({ config, org: tree, current: [], templates: TEMPLATES, prune: false });
    const planMs = performance.now() - started;
    const planHeap = process.memoryUsage().heapUsed - heapBefore;

    const deployed = simulateApply(first, [], tree, TEMPLATES);
    collect();
    started = performance.now();
    const second = planRollout({ config, org: tree, current: deployed, templates: TEMPLATES, prune: false });
    const replanMs = performance.now() - started;
    // Before any collection: the inputs (tree, 317,730 instances read), the plan and its garbage.
    const replanHeap = process.memoryUsage().heapUsed;
    const instances = deployed.reduce((sum, s) => sum + s.instances.length, 0);

    const rows: [string, string][] = [
      ['organization', `${tree.nodes.size - 1} OUs, ${tree.accounts.size - 1} accounts + the management account, ${REGIONS.length} regions, ${config.profiles.length} profiles`],
      ['read organization', `${readMs.toFixed(0)} ms, ${calls} Organizations calls (${fakes.organization.calls().length} recorded by the fake)`],
      ['plan (first rollout, proof included)', `${planMs.toFixed(0)} ms (target < 2,000 ms), ${mb(planHeap)} of heap still held by the plan`],
      ['stack sets', `${first.stackSets.length}, targeting ${first.stackSets.reduce((n, s) => n + s.targets.length, 0)} OUs in total`],
      ['StackSet operations (plan)', `${instanceOperations(first)} instance operations + ${first.steps.length - instanceOperations(first)} create-stack-set calls`],
      ['one operation per OU and region', `${naiveOperations(first)} operations`],
      ['re-plan of the deployed state', `${replanMs.toFixed(0)} ms over ${instances.toLocaleString('en-US')} stack instances, ${second.steps.length} steps (target < 2,000 ms)`],
      ['heap right after the re-plan', `${mb(replanHeap)}: inputs, plan and uncollected garbage (target < 200 MB)`],
      // The process's peak: also the SDK, the fakes, tsx and the benchmarks that ran before.
      ['peak memory (RSS, whole bench process)', mb(process.resourceUsage().maxRSS * 1024)],
      ['warnings', [...new Set(first.warnings.map((w) => w.kind))].map((k) => `${first.warnings.filter((w) => w.kind === k).length} ${k}`).join(', ')],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
  } finally {
    fakes.restore();
  }
}
