/**
 * The publish plan: a pure function from what should be published (the version's templates, the
 * portfolio, its shares, principals and launch constraint) and what Service Catalog and the bucket
 * hold now, to the steps that close the gap. Everything publish will do is decided before its first
 * change, and a conflict (two portfolios of one name, a different template already under the
 * version's key) stops it with nothing changed. Same version twice: no step.
 */
import { PublishError } from '../errors';
import type { CatalogArtifact, CatalogShare, LaunchConstraint, StoredTemplate } from './publish-port';
import type { ShareTarget } from './share-targets';

export interface PublishProduct {
  readonly name: string;
  readonly description: string;
  /** The S3 key of this version's template. */
  readonly key: string;
  readonly body: string;
  readonly sha256: string;
}

export interface PublishDesired {
  readonly bucket: string;
  readonly version: string;
  readonly portfolioName: string;
  readonly providerName: string;
  readonly products: readonly PublishProduct[];
  readonly shares: readonly ShareTarget[];
  readonly principals: readonly string[];
  /** Empty: no launch constraint. */
  readonly launchRoleName: string;
  readonly deprecateOld: boolean;
}

export interface ProductState {
  readonly ids: readonly string[];
  readonly artifacts: readonly CatalogArtifact[];
  readonly portfolioIds: readonly string[];
  readonly launchConstraints: readonly LaunchConstraint[];
}

export interface PublishState {
  readonly objects: ReadonlyMap<string, StoredTemplate | undefined>;
  readonly portfolioIds: readonly string[];
  readonly products: ReadonlyMap<string, ProductState>;
  readonly shares: readonly CatalogShare[];
  readonly principals: readonly string[];
  readonly organizationsAccess: string | undefined;
}

export type PublishStep =
  | { readonly kind: 'upload'; readonly product: string }
  | { readonly kind: 'create-portfolio' }
  | { readonly kind: 'create-product'; readonly product: string }
  | { readonly kind: 'create-version'; readonly product: string }
  | { readonly kind: 'associate-product'; readonly product: string }
  | { readonly kind: 'create-launch-constraint'; readonly product: string }
  | { readonly kind: 'update-launch-constraint'; readonly product: string; readonly constraintId: string }
  | { readonly kind: 'deprecate-version'; readonly product: string; readonly artifactId: string; readonly version: string }
  | { readonly kind: 'share'; readonly target: ShareTarget }
  | { readonly kind: 'enable-principal-sharing'; readonly target: ShareTarget }
  | { readonly kind: 'associate-principal'; readonly principal: string };

const EMPTY_PRODUCT: ProductState = { ids: [], artifacts: [], portfolioIds: [], launchConstraints: [] };

export function planPublish(desired: PublishDesired, state: PublishState): PublishStep[] {
  if (state.portfolioIds.length > 1) {
    throw new PublishError(`${state.portfolioIds.length} portfolios are named "${desired.portfolioName}" (${state.portfolioIds.join(', ')}); publish cannot tell which is its own.`, {
      where: 'serviceCatalog.portfolioName',
      fix: 'set serviceCatalog.portfolioName to a name only one portfolio has, or rename the others.',
    });
  }
  if (desired.shares.length > 0 && state.organizationsAccess !== 'ENABLED') {
    throw new PublishError(`sharing with OUs needs AWS Organizations access for Service Catalog, which is ${state.organizationsAccess ?? 'unknown'}.`, {
      where: 'servicecatalog:GetAWSOrganizationsAccessStatus',
      fix: 'from the management account, run `aws servicecatalog enable-aws-organizations-access` (once), then run publish again from the management account or a Service Catalog delegated administrator.',
    });
  }
  const portfolioExists = state.portfolioIds.length === 1;
  const steps: PublishStep[] = portfolioExists ? [] : [{ kind: 'create-portfolio' }];
  for (const product of desired.products) {
    const current = state.products.get(product.name) ?? EMPTY_PRODUCT;
    if (current.ids.length > 1) {
      throw new PublishError(`${current.ids.length} products are named "${product.name}" (${current.ids.join(', ')}); publish cannot tell which is its own.`, {
        where: 'serviceCatalog.productName',
        fix: 'set serviceCatalog.productName to a name only one product has, or rename the others.',
      });
    }
    const exists = current.ids.length === 1;
    const hasVersion = current.artifacts.some((a) => a.name === desired.version);
    if (!hasVersion) {
      const upload = decideUpload(desired, product, state.objects.get(product.key));
      if (upload) steps.push({ kind: 'upload', product: product.name });
      steps.push({ kind: exists ? 'create-version' : 'create-product', product: product.name });
    }
    if (!exists || !portfolioExists || state.portfolioIds.every((id) => !current.portfolioIds.includes(id))) {
      steps.push({ kind: 'associate-product', product: product.name });
    }
    if (desired.launchRoleName !== '') {
      const launch = portfolioExists && exists ? current.launchConstraints : [];
      const [first] = launch;
      if (first === undefined) steps.push({ kind: 'create-launch-constraint', product: product.name });
      else if (first.roleName !== desired.launchRoleName) steps.push({ kind: 'update-launch-constraint', product: product.name, constraintId: first.id });
    }
    if (desired.deprecateOld) {
      for (const old of current.artifacts.filter((a) => a.name !== desired.version && a.active && a.guidance !== 'DEPRECATED').sort((a, b) => a.name.localeCompare(b.name))) {
        steps.push({ kind: 'deprecate-version', product: product.name, artifactId: old.id, version: old.name });
      }
    }
  }
  // Principals before shares: a share with principal sharing carries the associations it finds.
  for (const principal of desired.principals) {
    if (!portfolioExists || !state.principals.includes(principal)) steps.push({ kind: 'associate-principal', principal });
  }
  for (const target of desired.shares) {
    const share = portfolioExists ? state.shares.find((s) => s.type === target.type && s.value === target.value) : undefined;
    if (share === undefined) steps.push({ kind: 'share', target });
    else if (!share.sharePrincipals) steps.push({ kind: 'enable-principal-sharing', target });
  }
  return steps;
}

/**
 * Whether the template must be uploaded: not when the version's key already holds exactly it. A
 * different object there (or one publish did not write) is never overwritten: a published version's
 * template does not change under its name.
 */
function decideUpload(desired: PublishDesired, product: PublishProduct, stored: StoredTemplate | undefined): boolean {
  if (stored === undefined) return true;
  if (stored.sha256 === product.sha256) return false;
  throw new PublishError(
    `s3://${desired.bucket}/${product.key} already holds ${stored.sha256 === undefined ? 'an object publish did not write' : 'a different template'} for version ${desired.version}.`,
    { where: `s3://${desired.bucket}/${product.key}`, fix: 'publish under a new --version (a version\'s template never changes), or delete that object if no product version uses it.' },
  );
}

export function describeStep(step: PublishStep, desired: PublishDesired): string {
  const product = (name: string): PublishProduct | undefined => desired.products.find((p) => p.name === name);
  switch (step.kind) {
    case 'upload':
      return `+ upload s3://${desired.bucket}/${product(step.product)?.key ?? '?'} (${Buffer.byteLength(product(step.product)?.body ?? '').toLocaleString('en-US')} bytes)`;
    case 'create-portfolio':
      return `+ create portfolio "${desired.portfolioName}" (provider ${desired.providerName})`;
    case 'create-product':
      return `+ create product "${step.product}" with version ${desired.version}`;
    case 'create-version':
      return `+ add version ${desired.version} to product "${step.product}" (earlier versions stay ${desired.deprecateOld ? 'until deprecated below' : 'active'})`;
    case 'associate-product':
      return `+ add product "${step.product}" to portfolio "${desired.portfolioName}"`;
    case 'create-launch-constraint':
      return `+ launch "${step.product}" with the role ${desired.launchRoleName} of the launching account`;
    case 'update-launch-constraint':
      return `~ launch "${step.product}" with the role ${desired.launchRoleName} (was another role)`;
    case 'deprecate-version':
      return `- deprecate version ${step.version} of "${step.product}" (no new launches; provisioned products can still update)`;
    case 'share':
      return `+ share the portfolio with ${describeTarget(step.target)}, with principal sharing`;
    case 'enable-principal-sharing':
      return `~ turn principal sharing on for the share with ${describeTarget(step.target)}`;
    case 'associate-principal':
      return `+ let ${step.principal} launch the products (in every account the portfolio is shared with)`;
  }
}

export function describeTarget(target: ShareTarget): string {
  return target.type === 'ORGANIZATION' ? `the whole organization (${target.value})` : `${target.path} (${target.value})`;
}
