/**
 * The rollout converges, whatever came before: random organizations (OUs up to 5 levels deep) ×
 * random sequences of 3–8 configs, with accounts joining and moving between applies (auto-deployment
 * reacts), per-account failures injected and applies interrupted midway. After every apply that exits
 * 0, the StackSets fake holds exactly the coverage the config asks for (coverage-oracle.ts, computed
 * without the planner) and a second plan has no steps. An apply that fails or is interrupted is
 * followed by another, as a user would; it must converge within three.
 *
 * On failure fast-check prints the seed and the shrunk case; replay with FC_SEED=<seed> (and
 * FC_PATH=<path>). FC_RUNS sets the number of runs (default 6, to keep `npm test` quick; raise it when changing the planner).
 */
import fc from 'fast-check';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import type { OperationAction } from '../fakes/stacksets-model';
import { coverageProblems } from './coverage-oracle';
import { createWorkspace } from './deploy-helpers';
import { RolloutDriver } from './rollout-driver';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];
const PORTS = ['443', '80', '80,443', '22', '25,465'];

interface OrgSpec {
  /** OU i's parent: -1 the root, else an earlier OU (depth capped at 5 levels below the root). */
  readonly ous: readonly { readonly parent: number; readonly accounts: number }[];
}

type Perturbation =
  | { readonly kind: 'none' }
  | { readonly kind: 'add-account'; readonly ou: number }
  | { readonly kind: 'move-account'; readonly account: number; readonly ou: number }
  | { readonly kind: 'fail'; readonly account: number; readonly action: OperationAction }
  | { readonly kind: 'interrupt'; readonly atWait: number };

interface Step {
  readonly profiles: readonly { readonly ous: readonly number[]; readonly ports: string; readonly byId: boolean }[];
  readonly regions: readonly string[];
  readonly skip: number | undefined;
  readonly prune: boolean;
  readonly perturbation: Perturbation;
}

const orgSpec: fc.Arbitrary<OrgSpec> = fc.record({
  ous: fc.array(fc.record({ parent: fc.integer({ min: -1, max: 20 }), accounts: fc.integer({ min: 0, max: 2 }) }), { minLength: 2, maxLength: 12 }),
});

const step: fc.Arbitrary<Step> = fc.record({
  profiles: fc.array(fc.record({ ous: fc.uniqueArray(fc.nat(11), { minLength: 1, maxLength: 2 }), ports: fc.constantFrom(...PORTS), byId: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  regions: fc.subarray(REGIONS, { minLength: 1 }),
  skip: fc.option(fc.nat(11), { nil: undefined, freq: 4 }),
  prune: fc.boolean(),
  perturbation: fc.oneof(
    { weight: 3, arbitrary: fc.constant<Perturbation>({ kind: 'none' }) },
    fc.record({ kind: fc.constant('add-account' as const), ou: fc.nat(11) }),
    fc.record({ kind: fc.constant('move-account' as const), account: fc.nat(30), ou: fc.nat(11) }),
    fc.record({ kind: fc.constant('fail' as const), account: fc.nat(30), action: fc.constantFrom<OperationAction>('CREATE', 'UPDATE', 'DELETE') }),
    fc.record({ kind: fc.constant('interrupt' as const), atWait: fc.nat(6) }),
  ),
});

/** Builds the organization: OU i hangs under the root or an earlier OU, at most 5 levels deep. */
function buildOrganization(spec: OrgSpec): { org: OrganizationFake; ouIds: string[]; paths: string[] } {
  const org = new OrganizationFake();
  const ouIds: string[] = [];
  const paths: string[] = [];
  const depth: number[] = [];
  spec.ous.forEach((ou, i) => {
    let parent = i === 0 || ou.parent < 0 ? -1 : ou.parent % i;
    while (parent >= 0 && (depth[parent] ?? 0) >= 5) parent = -1;
    const parentId = parent < 0 ? org.rootId : (ouIds[parent] as string);
    ouIds.push(org.addOu(parentId, `Ou${i}`));
    paths.push(`${parent < 0 ? 'Root' : paths[parent]}/Ou${i}`);
    depth.push(parent < 0 ? 1 : (depth[parent] ?? 0) + 1);
    for (let a = 0; a < ou.accounts; a += 1) org.addAccount(ouIds[i] as string);
  });
  return { org, ouIds, paths };
}

/** The config of a step; OUs named twice across profiles are dropped from the later profile (a config error otherwise). */
function configOf(s: Step, ouIds: readonly string[], paths: readonly string[]): string {
  const taken = new Set<number>();
  const profiles = s.profiles.flatMap((p, n) => {
    const ous = [...new Set(p.ous.map((o) => o % ouIds.length))].filter((o) => !taken.has(o));
    for (const o of ous) taken.add(o);
    if (ous.length === 0) return [];
    const refs = ous.map((o) => (p.byId ? ouIds[o] : paths[o]));
    return [`  p${n}: { allowedIngress: "${p.ports}", ous: [${refs.join(', ')}] }`];
  });
  if (profiles.length === 0) profiles.push(`  p0: { allowedIngress: "443", ous: [${paths[0]}] }`);
  const skip = s.skip === undefined ? '' : `baseline: { skipOus: [${paths[s.skip % paths.length]}] }\n`;
  return `regions: [${s.regions.join(', ')}]\n${skip}profiles:\n${profiles.join('\n')}\n`;
}

function perturb(fakes: AwsFakes, p: Perturbation, ouIds: readonly string[]): number | undefined {
  const accounts = fakes.organization.allAccountIds().filter((a) => a !== fakes.organization.managementAccountId);
  switch (p.kind) {
    case 'add-account':
      fakes.organization.addAccount(ouIds[p.ou % ouIds.length] as string);
      break;
    case 'move-account':
      if (accounts.length > 0) fakes.organization.moveAccount(accounts[p.account % accounts.length] as string, ouIds[p.ou % ouIds.length] as string);
      break;
    case 'fail':
      if (accounts.length > 0) fakes.stackSets.failInstances({ accounts: [accounts[p.account % accounts.length] as string], actions: [p.action], times: 1 });
      break;
    case 'interrupt':
      return p.atWait;
    case 'none':
      break;
  }
  fakes.stackSets.settle(); // auto-deployment reacts to the organization change
  return undefined;
}

describe('the rollout converges from any history', () => {
  it('after every apply that exits 0, the organization is exactly as the config says and a second plan is empty', async () => {
    await fc.assert(
      fc.asyncProperty(orgSpec, fc.array(step, { minLength: 3, maxLength: 8 }), async (spec, steps) => {
        const { org, ouIds, paths } = buildOrganization(spec);
        const fakes = installAwsFakes({ organization: org });
        try {
          const driver = new RolloutDriver(createWorkspace());
          for (const s of steps) {
            const yaml = configOf(s, ouIds, paths);
            const interruptAtWait = perturb(fakes, s.perturbation, ouIds);
            let run = await driver.apply({ yaml, prune: s.prune, interruptAtWait });
            for (let attempt = 0; run.code !== 0 && attempt < 2; attempt += 1) run = await driver.apply({ yaml, prune: s.prune });
            if (run.code !== 0) throw new Error(`apply did not converge in three runs for:\n${yaml}\n${run.output}`);
            const problems = coverageProblems({ config: driver.config(yaml), org: fakes.organization, stackSets: fakes.stackSets, pruned: s.prune });
            if (problems.length > 0) throw new Error(`after a successful apply of:\n${yaml}(prune ${s.prune})\n${problems.join('\n')}\n${run.output}`);
            const again = await driver.plan(yaml, { prune: s.prune });
            if (again.steps.length > 0) throw new Error(`a second plan still has steps:\n${JSON.stringify(again.steps, null, 1)}`);
          }
        } finally {
          fakes.restore();
        }
      }),
      {
        numRuns: Number(process.env.FC_RUNS ?? 6),
        ...(process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH }),
      },
    );
  }, 300_000);
});
