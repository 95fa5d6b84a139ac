/**
 * The Service Catalog adapter of `publish`: every call it makes, listings followed to the end,
 * throttling retried, a fresh idempotency token per request (the SDK resends the same input on its
 * own retries; a token reused for a later, different request would return that old answer).
 * https://docs.aws.amazon.com/servicecatalog/latest/dg/API_Operations.html
 */
import { randomUUID } from 'node:crypto';
import {
  AssociatePrincipalWithPortfolioCommand,
  AssociateProductWithPortfolioCommand,
  CreateConstraintCommand,
  CreatePortfolioCommand,
  CreatePortfolioShareCommand,
  CreateProductCommand,
  CreateProvisioningArtifactCommand,
  DescribeConstraintCommand,
  DescribePortfolioSharesCommand,
  DescribePortfolioShareStatusCommand,
  GetAWSOrganizationsAccessStatusCommand,
  ListConstraintsForPortfolioCommand,
  ListPortfoliosCommand,
  ListPortfoliosForProductCommand,
  ListPrincipalsForPortfolioCommand,
  ListProvisioningArtifactsCommand,
  SearchProductsAsAdminCommand,
  ServiceCatalogClient,
  UpdateConstraintCommand,
  UpdatePortfolioShareCommand,
  UpdateProvisioningArtifactCommand,
} from '@aws-sdk/client-service-catalog';
import type { ProvisioningArtifactProperties } from '@aws-sdk/client-service-catalog';
import type { CatalogArtifact, CatalogPort, CatalogShare, LaunchConstraint, NewProduct, ShareProgress } from '../publish/publish-port';
import type { ShareTarget } from '../publish/share-targets';
import { SDK_CLIENT_OPTIONS } from './client-options';
import { collectPages } from './paging';
import { retryThrottled } from './retry';
import type { RetryOptions } from './retry';
import { wrapServiceCatalogError } from './service-catalog-errors';

export function createCatalogPort(): ServiceCatalogAdapter {
  return new ServiceCatalogAdapter(new ServiceCatalogClient(SDK_CLIENT_OPTIONS));
}

const artifact = (version: string, templateUrl: string): ProvisioningArtifactProperties => ({
  Name: version,
  Description: `sg-guardrail ${version}`,
  Type: 'CLOUD_FORMATION_TEMPLATE',
  Info: { LoadTemplateFromURL: templateUrl },
});

export class ServiceCatalogAdapter implements CatalogPort {
  constructor(
    private readonly client: ServiceCatalogClient,
    private readonly retry: RetryOptions = {},
    private readonly newToken: () => string = randomUUID,
  ) {}

  async region(): Promise<string | undefined> {
    try {
      return await this.client.config.region();
    } catch {
      return undefined;
    }
  }

  async organizationsAccess(): Promise<string> {
    return (await this.call('GetAWSOrganizationsAccessStatus', () => this.client.send(new GetAWSOrganizationsAccessStatusCommand({})))).AccessStatus ?? 'UNKNOWN';
  }

  async findPortfolios(name: string): Promise<{ id: string }[]> {
    const all = await this.pages('ListPortfolios', async (PageToken) => {
      const r = await this.client.send(new ListPortfoliosCommand({ PageToken }));
      return { items: r.PortfolioDetails, next: r.NextPageToken };
    });
    return all.flatMap((p) => (p.DisplayName === name && p.Id !== undefined ? [{ id: p.Id }] : []));
  }

  async createPortfolio(name: string, provider: string): Promise<string> {
    const r = await this.call('CreatePortfolio', () =>
      this.client.send(new CreatePortfolioCommand({ DisplayName: name, ProviderName: provider, Description: 'Guardrails for EC2 security-group ingress (sg-guardrail).', IdempotencyToken: this.newToken() })),
    );
    return this.id(r.PortfolioDetail?.Id, 'CreatePortfolio');
  }

  async findProducts(name: string): Promise<{ id: string }[]> {
    // Every local product, matched exactly: a full-text filter matches words, not names.
    const all = await this.pages('SearchProductsAsAdmin', async (PageToken) => {
      const r = await this.client.send(new SearchProductsAsAdminCommand({ PageToken, PageSize: 100 }));
      return { items: r.ProductViewDetails, next: r.NextPageToken };
    });
    return all.flatMap((p) => (p.ProductViewSummary?.Name === name && p.ProductViewSummary.ProductId !== undefined ? [{ id: p.ProductViewSummary.ProductId }] : []));
  }

  async createProduct(p: NewProduct): Promise<{ productId: string; artifactId: string }> {
    const r = await this.call('CreateProduct', () =>
      this.client.send(
        new CreateProductCommand({ Name: p.name, Owner: p.owner, Description: p.description, ProductType: 'CLOUD_FORMATION_TEMPLATE', ProvisioningArtifactParameters: artifact(p.version, p.templateUrl), IdempotencyToken: this.newToken() }),
      ),
    );
    return { productId: this.id(r.ProductViewDetail?.ProductViewSummary?.ProductId, 'CreateProduct'), artifactId: this.id(r.ProvisioningArtifactDetail?.Id, 'CreateProduct') };
  }

  async listArtifacts(productId: string): Promise<CatalogArtifact[]> {
    const r = await this.call('ListProvisioningArtifacts', () => this.client.send(new ListProvisioningArtifactsCommand({ ProductId: productId })));
    return (r.ProvisioningArtifactDetails ?? []).flatMap((a) =>
      a.Id === undefined ? [] : [{ id: a.Id, name: a.Name ?? '', active: a.Active !== false, guidance: a.Guidance === 'DEPRECATED' ? ('DEPRECATED' as const) : ('DEFAULT' as const) }],
    );
  }

  async createArtifact(productId: string, version: string, templateUrl: string): Promise<string> {
    const r = await this.call('CreateProvisioningArtifact', () =>
      this.client.send(new CreateProvisioningArtifactCommand({ ProductId: productId, Parameters: artifact(version, templateUrl), IdempotencyToken: this.newToken() })),
    );
    return this.id(r.ProvisioningArtifactDetail?.Id, 'CreateProvisioningArtifact');
  }

  async deprecateArtifact(productId: string, artifactId: string): Promise<void> {
    // DEPRECATED: no new launches, but provisioned products can still update (Active=false would
    // hide the version and block those updates too).
    await this.call('UpdateProvisioningArtifact', () => this.client.send(new UpdateProvisioningArtifactCommand({ ProductId: productId, ProvisioningArtifactId: artifactId, Guidance: 'DEPRECATED' })));
  }

  async portfoliosOfProduct(productId: string): Promise<string[]> {
    const all = await this.pages('ListPortfoliosForProduct', async (PageToken) => {
      const r = await this.client.send(new ListPortfoliosForProductCommand({ ProductId: productId, PageToken }));
      return { items: r.PortfolioDetails, next: r.NextPageToken };
    });
    return all.flatMap((p) => (p.Id === undefined ? [] : [p.Id]));
  }

  async associateProduct(productId: string, portfolioId: string): Promise<void> {
    await this.call('AssociateProductWithPortfolio', () => this.client.send(new AssociateProductWithPortfolioCommand({ ProductId: productId, PortfolioId: portfolioId })));
  }

  async listShares(portfolioId: string): Promise<CatalogShare[]> {
    const shares: CatalogShare[] = [];
    for (const type of ['ORGANIZATION', 'ORGANIZATIONAL_UNIT'] as const) {
      const all = await this.pages('DescribePortfolioShares', async (PageToken) => {
        const r = await this.client.send(new DescribePortfolioSharesCommand({ PortfolioId: portfolioId, Type: type, PageToken }));
        return { items: r.PortfolioShareDetails, next: r.NextPageToken };
      });
      for (const s of all) if (s.PrincipalId !== undefined) shares.push({ type, value: s.PrincipalId, sharePrincipals: s.SharePrincipals === true });
    }
    return shares;
  }

  async createShare(portfolioId: string, target: ShareTarget): Promise<string | undefined> {
    const r = await this.call('CreatePortfolioShare', () =>
      this.client.send(new CreatePortfolioShareCommand({ PortfolioId: portfolioId, OrganizationNode: { Type: target.type, Value: target.value }, SharePrincipals: true })),
    );
    return r.PortfolioShareToken;
  }

  async enablePrincipalSharing(portfolioId: string, target: ShareTarget): Promise<string | undefined> {
    const r = await this.call('UpdatePortfolioShare', () =>
      this.client.send(new UpdatePortfolioShareCommand({ PortfolioId: portfolioId, OrganizationNode: { Type: target.type, Value: target.value }, SharePrincipals: true })),
    );
    return r.PortfolioShareToken;
  }

  async shareStatus(token: string): Promise<ShareProgress> {
    const r = await this.call('DescribePortfolioShareStatus', () => this.client.send(new DescribePortfolioShareStatusCommand({ PortfolioShareToken: token })));
    const errors = (r.ShareDetails?.ShareErrors ?? []).map((e) => `${e.Error ?? 'error'}${e.Message === undefined ? '' : `: ${e.Message}`}${(e.Accounts ?? []).length > 0 ? ` (${(e.Accounts ?? []).join(', ')})` : ''}`);
    return { status: r.Status ?? 'IN_PROGRESS', errors };
  }

  async listPrincipals(portfolioId: string): Promise<string[]> {
    const all = await this.pages('ListPrincipalsForPortfolio', async (PageToken) => {
      const r = await this.client.send(new ListPrincipalsForPortfolioCommand({ PortfolioId: portfolioId, PageToken }));
      return { items: r.Principals, next: r.NextPageToken };
    });
    return all.flatMap((p) => (p.PrincipalARN === undefined ? [] : [p.PrincipalARN]));
  }

  async associatePrincipal(portfolioId: string, principalPattern: string): Promise<void> {
    await this.call('AssociatePrincipalWithPortfolio', () =>
      this.client.send(new AssociatePrincipalWithPortfolioCommand({ PortfolioId: portfolioId, PrincipalARN: principalPattern, PrincipalType: 'IAM_PATTERN' })),
    );
  }

  async launchConstraints(portfolioId: string, productId: string): Promise<LaunchConstraint[]> {
    const all = await this.pages('ListConstraintsForPortfolio', async (PageToken) => {
      const r = await this.client.send(new ListConstraintsForPortfolioCommand({ PortfolioId: portfolioId, ProductId: productId, PageToken }));
      return { items: r.ConstraintDetails, next: r.NextPageToken };
    });
    const launch = all.filter((c) => c.Type === 'LAUNCH' && c.ConstraintId !== undefined);
    return Promise.all(
      launch.map(async (c) => {
        const id = c.ConstraintId as string;
        const r = await this.call('DescribeConstraint', () => this.client.send(new DescribeConstraintCommand({ Id: id })));
        return { id, roleName: launchRoleName(r.ConstraintParameters) };
      }),
    );
  }

  async createLaunchConstraint(portfolioId: string, productId: string, roleName: string): Promise<void> {
    await this.call('CreateConstraint', () =>
      this.client.send(
        new CreateConstraintCommand({ PortfolioId: portfolioId, ProductId: productId, Type: 'LAUNCH', Parameters: JSON.stringify({ LocalRoleName: roleName }), Description: `Launch with ${roleName} (sg-guardrail)`, IdempotencyToken: this.newToken() }),
      ),
    );
  }

  async updateLaunchConstraint(constraintId: string, roleName: string): Promise<void> {
    await this.call('UpdateConstraint', () => this.client.send(new UpdateConstraintCommand({ Id: constraintId, Parameters: JSON.stringify({ LocalRoleName: roleName }) })));
  }

  private id(value: string | undefined, operation: string): string {
    if (value === undefined) throw wrapServiceCatalogError(operation, new TypeError('the answer carried no id'));
    return value;
  }

  private pages<T>(operation: string, fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
    return collectPages((token) => this.call(operation, () => fetch(token)));
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await retryThrottled(send, this.retry);
    } catch (error) {
      throw wrapServiceCatalogError(operation, error);
    }
  }
}

/** The role a LAUNCH constraint names: `{"LocalRoleName": …}` or `{"RoleArn": "arn:…:role/path/Name"}`. */
export function launchRoleName(parameters: string | undefined): string | undefined {
  try {
    const p = JSON.parse(parameters ?? '{}') as { LocalRoleName?: unknown; RoleArn?: unknown };
    if (typeof p.LocalRoleName === 'string') return p.LocalRoleName;
    return typeof p.RoleArn === 'string' ? p.RoleArn.split('/').pop() : undefined;
  } catch {
    return undefined;
  }
}
