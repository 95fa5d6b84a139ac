/**
 * What `publish` reads and changes in Service Catalog and S3, as plain data. The adapters
 * (src/aws/service-catalog.ts, src/aws/s3-templates.ts) make the calls.
 */
import type { ShareTarget } from './share-targets';

/** An S3 object as publish left it: its content's SHA-256 (from our metadata), or undefined if another writer put it. */
export interface StoredTemplate {
  readonly sha256: string | undefined;
}

export interface TemplateStore {
  /** Undefined when the object does not exist. */
  head(bucket: string, key: string): Promise<StoredTemplate | undefined>;
  put(bucket: string, key: string, body: string, sha256: string): Promise<void>;
  /** The https URL Service Catalog loads the template from (the bucket's own region). */
  url(bucket: string, key: string): Promise<string>;
}

export interface CatalogArtifact {
  readonly id: string;
  /** The version label, e.g. 0.1.0. */
  readonly name: string;
  readonly active: boolean;
  readonly guidance: 'DEFAULT' | 'DEPRECATED';
}

export interface CatalogShare {
  readonly type: ShareTarget['type'];
  readonly value: string;
  readonly sharePrincipals: boolean;
}

export interface LaunchConstraint {
  readonly id: string;
  /** The role the constraint names (LocalRoleName, or the name in RoleArn). */
  readonly roleName: string | undefined;
}

export interface NewProduct {
  readonly name: string;
  readonly owner: string;
  readonly description: string;
  readonly version: string;
  readonly templateUrl: string;
}

export interface ShareProgress {
  /** NOT_STARTED | IN_PROGRESS | COMPLETED | COMPLETED_WITH_ERRORS | ERROR */
  readonly status: string;
  readonly errors: readonly string[];
}

export interface CatalogPort {
  region(): Promise<string | undefined>;
  /** GetAWSOrganizationsAccessStatus: shares to OUs need ENABLED. */
  organizationsAccess(): Promise<string>;
  /** Local portfolios with this display name. */
  findPortfolios(name: string): Promise<{ readonly id: string }[]>;
  createPortfolio(name: string, provider: string): Promise<string>;
  /** Local products with exactly this name. */
  findProducts(name: string): Promise<{ readonly id: string }[]>;
  createProduct(product: NewProduct): Promise<{ readonly productId: string; readonly artifactId: string }>;
  listArtifacts(productId: string): Promise<CatalogArtifact[]>;
  createArtifact(productId: string, version: string, templateUrl: string): Promise<string>;
  deprecateArtifact(productId: string, artifactId: string): Promise<void>;
  portfoliosOfProduct(productId: string): Promise<string[]>;
  associateProduct(productId: string, portfolioId: string): Promise<void>;
  listShares(portfolioId: string): Promise<CatalogShare[]>;
  /** CreatePortfolioShare (principal sharing on); resolves to the token to follow, if AWS gives one. */
  createShare(portfolioId: string, target: ShareTarget): Promise<string | undefined>;
  /** UpdatePortfolioShare turning principal sharing on. */
  enablePrincipalSharing(portfolioId: string, target: ShareTarget): Promise<string | undefined>;
  shareStatus(token: string): Promise<ShareProgress>;
  listPrincipals(portfolioId: string): Promise<string[]>;
  associatePrincipal(portfolioId: string, principalPattern: string): Promise<void>;
  launchConstraints(portfolioId: string, productId: string): Promise<LaunchConstraint[]>;
  createLaunchConstraint(portfolioId: string, productId: string, roleName: string): Promise<void>;
  updateLaunchConstraint(constraintId: string, roleName: string): Promise<void>;
}
