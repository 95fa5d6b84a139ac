/**
 * Reading what publish compares against, and running the steps of its plan. Reads only before the
 * plan; the steps run in the plan's order, creating the portfolio and products first so later steps
 * have their ids, and each share is followed until Service Catalog says it is done.
 */
import { PublishError } from '../errors';
import type { CatalogPort, ShareProgress, TemplateStore } from './publish-port';
import type { ProductState, PublishDesired, PublishState, PublishStep } from './publish-plan';
import { describeStep, describeTarget } from './publish-plan';

export interface PublishPorts {
  readonly catalog: CatalogPort;
  readonly store: TemplateStore;
}

export async function readPublishState(desired: PublishDesired, ports: PublishPorts): Promise<PublishState> {
  const { catalog, store } = ports;
  const [portfolios, organizationsAccess] = await Promise.all([
    catalog.findPortfolios(desired.portfolioName),
    desired.shares.length > 0 ? catalog.organizationsAccess() : Promise.resolve(undefined),
  ]);
  const portfolioId = portfolios.length === 1 ? portfolios[0]?.id : undefined;
  const objects = new Map<string, Awaited<ReturnType<TemplateStore['head']>>>();
  const products = new Map<string, ProductState>();
  for (const product of desired.products) {
    const ids = (await catalog.findProducts(product.name)).map((p) => p.id);
    const [id] = ids;
    if (ids.length !== 1 || id === undefined) {
      products.set(product.name, { ids, artifacts: [], portfolioIds: [], launchConstraints: [] });
    } else {
      const [artifacts, portfolioIds, launchConstraints] = await Promise.all([
        catalog.listArtifacts(id),
        catalog.portfoliosOfProduct(id),
        portfolioId !== undefined && desired.launchRoleName !== '' ? catalog.launchConstraints(portfolioId, id) : Promise.resolve([]),
      ]);
      products.set(product.name, { ids, artifacts, portfolioIds, launchConstraints });
    }
    if (!(products.get(product.name)?.artifacts ?? []).some((a) => a.name === desired.version)) objects.set(product.key, await store.head(desired.bucket, product.key));
  }
  const [shares, principals] = portfolioId === undefined ? [[], []] : await Promise.all([catalog.listShares(portfolioId), catalog.listPrincipals(portfolioId)]);
  return { objects, portfolioIds: portfolios.map((p) => p.id), products, shares, principals, organizationsAccess };
}

export interface ApplyPublishDeps extends PublishPorts {
  readonly state: PublishState;
  readonly log: (line: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly pollIntervalMs: number;
}

const SHARE_DONE = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS', 'ERROR']);

/** Runs the steps; resolves to the problems (a share that ended with errors), empty when all went well. */
export async function applyPublishSteps(desired: PublishDesired, steps: readonly PublishStep[], deps: ApplyPublishDeps): Promise<string[]> {
  const { catalog, store, state } = deps;
  let portfolioId = state.portfolioIds[0];
  const productIds = new Map([...state.products].flatMap(([name, p]) => (p.ids.length === 1 ? [[name, p.ids[0] as string] as const] : [])));
  const urls = new Map<string, string>();
  const product = (name: string) => desired.products.find((p) => p.name === name) ?? { name, key: '', body: '', sha256: '', description: '' };
  const url = async (name: string): Promise<string> => urls.get(name) ?? store.url(desired.bucket, product(name).key);
  const need = <T>(value: T | undefined, what: string): T => {
    // Only if the plan's order were wrong: every id is created by an earlier step or read before.
    if (value === undefined) throw new PublishError(`${what} is unknown at this step.`, { where: 'publish', fix: 'run publish again: it continues from what exists.' });
    return value;
  };
  const problems: string[] = [];
  for (const step of steps) {
    deps.log(`  ${describeStep(step, desired)}`);
    switch (step.kind) {
      case 'upload': {
        const p = product(step.product);
        await store.put(desired.bucket, p.key, p.body, p.sha256);
        urls.set(p.name, await store.url(desired.bucket, p.key));
        break;
      }
      case 'create-portfolio':
        portfolioId = await catalog.createPortfolio(desired.portfolioName, desired.providerName);
        break;
      case 'create-product': {
        const p = product(step.product);
        const created = await catalog.createProduct({ name: p.name, owner: desired.providerName, description: p.description, version: desired.version, templateUrl: await url(p.name) });
        productIds.set(p.name, created.productId);
        break;
      }
      case 'create-version':
        await catalog.createArtifact(need(productIds.get(step.product), 'the product id'), desired.version, await url(step.product));
        break;
      case 'associate-product':
        await catalog.associateProduct(need(productIds.get(step.product), 'the product id'), need(portfolioId, 'the portfolio id'));
        break;
      case 'create-launch-constraint':
        await catalog.createLaunchConstraint(need(portfolioId, 'the portfolio id'), need(productIds.get(step.product), 'the product id'), desired.launchRoleName);
        break;
      case 'update-launch-constraint':
        await catalog.updateLaunchConstraint(step.constraintId, desired.launchRoleName);
        break;
      case 'deprecate-version':
        await catalog.deprecateArtifact(need(productIds.get(step.product), 'the product id'), step.artifactId);
        break;
      case 'share':
      case 'enable-principal-sharing': {
        const id = need(portfolioId, 'the portfolio id');
        const token = step.kind === 'share' ? await catalog.createShare(id, step.target) : await catalog.enablePrincipalSharing(id, step.target);
        const result = token === undefined ? undefined : await waitForShare(catalog, token, deps);
        if (result !== undefined && result.status !== 'COMPLETED') {
          problems.push(`the share with ${describeTarget(step.target)} ended ${result.status}${result.errors.length > 0 ? `: ${result.errors.join('; ')}` : ''}.`);
        }
        break;
      }
      case 'associate-principal':
        await catalog.associatePrincipal(need(portfolioId, 'the portfolio id'), step.principal);
        break;
    }
  }
  return problems;
}

async function waitForShare(catalog: CatalogPort, token: string, deps: Pick<ApplyPublishDeps, 'sleep' | 'pollIntervalMs' | 'log'>): Promise<ShareProgress> {
  for (;;) {
    const progress = await catalog.shareStatus(token);
    if (SHARE_DONE.has(progress.status)) {
      deps.log(`      share ${progress.status}`);
      return progress;
    }
    await deps.sleep(deps.pollIntervalMs);
  }
}
