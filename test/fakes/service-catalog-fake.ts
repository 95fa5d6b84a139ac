/**
 * The Service Catalog administration calls `publish` makes, in memory, with the semantics AWS
 * documents (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_Operations.html):
 * - Names are not unique: two portfolios (or products) may share a display name.
 * - Create* take an IdempotencyToken: the same token again returns the first answer, creating nothing.
 * - A product's version is loaded from LoadTemplateFromURL when it is created (Service Catalog copies
 *   the template), so the URL must be readable then: `templateReadable` decides (InvalidParametersException).
 * - CreatePortfolioShare to an organization node needs Organizations access (InvalidStateException);
 *   "If the portfolio share with the specified account or organization node already exists, this
 *   action will have no effect and will not return an error"; it returns a PortfolioShareToken whose
 *   status DescribePortfolioShareStatus reports, IN_PROGRESS first (shares complete asynchronously).
 *   UpdatePortfolioShare changes SharePrincipals of an existing share.
 * - At most one LAUNCH constraint per product and portfolio (DuplicateResourceException), and only
 *   for a product in the portfolio (ResourceNotFoundException). "The given role name must exist in
 *   the account used to create the launch constraint" (LocalRoleName; InvalidParametersException).
 *   https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateConstraint.html
 * - At most 10 IAM_PATTERN principals per portfolio (LimitExceededException).
 * - List* page with PageToken / NextPageToken; ThrottlingException through the throttle knob.
 */
import * as sc from '@aws-sdk/client-service-catalog';
import type { AwsStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import { ok, responseMetadata, sdkError } from './aws-errors';
import { CallRecorder } from './call-recorder';
import { isPageError, Paginator } from './paging';

type Input = Record<string, unknown>;
interface Artifact { id: string; name: string; active: boolean; guidance: string; url: string }
interface Product { id: string; name: string; owner: string; description: string; artifacts: Artifact[] }
interface Share { type: string; value: string; sharePrincipals: boolean }
interface ShareToken { portfolioId: string; value: string; polls: number; error?: string }

const MUTATING = ['CreatePortfolio', 'CreateProduct', 'CreateProvisioningArtifact', 'UpdateProvisioningArtifact', 'AssociateProductWithPortfolio', 'CreatePortfolioShare', 'UpdatePortfolioShare', 'AssociatePrincipalWithPortfolio', 'CreateConstraint', 'UpdateConstraint'];

export class ServiceCatalogFake {
  readonly recorder = new CallRecorder(new Set(MUTATING));
  readonly paginator = new Paginator('sc');
  organizationsAccess = 'ENABLED';
  /** Whether Service Catalog can read a template URL (set to the S3 fake's view). */
  templateReadable: (url: string) => boolean = () => true;
  /** OU and organization ids a share can reach; others end in ERROR. */
  knownNodes: ReadonlySet<string> | undefined;
  /** The IAM roles of the publishing account a LocalRoleName may name (undefined: any). */
  localRoles: ReadonlySet<string> | undefined;
  readonly portfolios = new Map<string, { id: string; displayName: string; providerName: string }>();
  readonly products = new Map<string, Product>();
  readonly associations = new Set<string>();
  readonly shares = new Map<string, Share[]>();
  readonly principals = new Map<string, string[]>();
  readonly constraints = new Map<string, { id: string; portfolioId: string; productId: string; type: string; parameters: string }>();
  private readonly tokens = new Map<string, unknown>();
  private readonly shareTokens = new Map<string, ShareToken>();
  private counter = 0;

  mutatingCalls(): readonly { operation: string }[] {
    return this.recorder.mutatingCalls();
  }

  handle(operation: string, input: Input): object {
    if (this.recorder.record(operation, input).throttled) throw sdkErrorNamed('ThrottlingException', 'Rate exceeded');
    const token = typeof input.IdempotencyToken === 'string' ? `${operation}:${input.IdempotencyToken}` : undefined;
    if (token !== undefined && this.tokens.has(token)) return ok(this.tokens.get(token) as object);
    const result = this.dispatch(operation, input);
    if (token !== undefined) this.tokens.set(token, result);
    return ok(result);
  }

  private dispatch(operation: string, input: Input): object {
    const s = (field: string): string => {
      const v = input[field];
      if (typeof v !== 'string' || v === '') throw sdkError(sc.InvalidParametersException, 400, `${field} is required.`);
      return v;
    };
    switch (operation) {
      case 'GetAWSOrganizationsAccessStatus':
        return { AccessStatus: this.organizationsAccess };
      case 'ListPortfolios':
        return this.page(operation, input, 'PortfolioDetails', [...this.portfolios.values()].map((p) => ({ Id: p.id, DisplayName: p.displayName, ProviderName: p.providerName })), 20);
      case 'CreatePortfolio': {
        const id = this.id('port');
        this.portfolios.set(id, { id, displayName: s('DisplayName'), providerName: s('ProviderName') });
        return { PortfolioDetail: { Id: id, DisplayName: input.DisplayName, ProviderName: input.ProviderName } };
      }
      case 'SearchProductsAsAdmin':
        return this.page(operation, input, 'ProductViewDetails', [...this.products.values()].map((p) => ({ ProductViewSummary: { Id: `prodview-${p.id}`, ProductId: p.id, Name: p.name, Owner: p.owner, Type: 'CLOUD_FORMATION_TEMPLATE' } })), 100);
      case 'CreateProduct': {
        const id = this.id('prod');
        const artifact = this.newArtifact(input.ProvisioningArtifactParameters);
        this.products.set(id, { id, name: s('Name'), owner: s('Owner'), description: typeof input.Description === 'string' ? input.Description : '', artifacts: [artifact] });
        return { ProductViewDetail: { ProductViewSummary: { ProductId: id, Name: input.Name } }, ProvisioningArtifactDetail: { Id: artifact.id, Name: artifact.name, Active: true } };
      }
      case 'ListProvisioningArtifacts':
        return { ProvisioningArtifactDetails: this.product(s('ProductId')).artifacts.map((a) => ({ Id: a.id, Name: a.name, Active: a.active, Guidance: a.guidance, Type: 'CLOUD_FORMATION_TEMPLATE' })) };
      case 'CreateProvisioningArtifact': {
        const artifact = this.newArtifact(input.Parameters);
        this.product(s('ProductId')).artifacts.push(artifact);
        return { ProvisioningArtifactDetail: { Id: artifact.id, Name: artifact.name, Active: true }, Status: 'CREATING' };
      }
      case 'UpdateProvisioningArtifact': {
        const a = this.product(s('ProductId')).artifacts.find((x) => x.id === input.ProvisioningArtifactId);
        if (a === undefined) throw sdkError(sc.ResourceNotFoundException, 400, 'Provisioning artifact not found.');
        if (typeof input.Guidance === 'string') a.guidance = input.Guidance;
        if (typeof input.Active === 'boolean') a.active = input.Active;
        return { ProvisioningArtifactDetail: { Id: a.id, Name: a.name, Active: a.active, Guidance: a.guidance }, Status: 'AVAILABLE' };
      }
      case 'ListPortfoliosForProduct':
        this.product(s('ProductId'));
        return this.page(operation, input, 'PortfolioDetails', [...this.associations].filter((k) => k.endsWith(`/${input.ProductId as string}`)).map((k) => ({ Id: k.split('/')[0] })), 20);
      case 'AssociateProductWithPortfolio':
        this.portfolio(s('PortfolioId'));
        this.product(s('ProductId'));
        this.associations.add(`${input.PortfolioId as string}/${input.ProductId as string}`);
        return {};
      case 'DescribePortfolioShares': {
        this.portfolio(s('PortfolioId'));
        const type = s('Type');
        const items = (this.shares.get(input.PortfolioId as string) ?? []).filter((x) => x.type === type).map((x) => ({ PrincipalId: x.value, Type: x.type, Accepted: true, ShareTagOptions: false, SharePrincipals: x.sharePrincipals }));
        return this.page(operation, input, 'PortfolioShareDetails', items, 50);
      }
      case 'CreatePortfolioShare':
      case 'UpdatePortfolioShare':
        return this.share(operation, s('PortfolioId'), input);
      case 'DescribePortfolioShareStatus': {
        const t = this.shareTokens.get(s('PortfolioShareToken'));
        if (t === undefined) throw sdkError(sc.ResourceNotFoundException, 400, 'Share token not found.');
        t.polls += 1;
        const status = t.polls < 2 ? 'IN_PROGRESS' : t.error === undefined ? 'COMPLETED' : 'ERROR';
        return { PortfolioShareToken: input.PortfolioShareToken, PortfolioId: t.portfolioId, OrganizationNodeValue: t.value, Status: status, ShareDetails: t.error === undefined || status !== 'ERROR' ? { SuccessfulShares: [], ShareErrors: [] } : { ShareErrors: [{ Error: 'InvalidParameter', Message: t.error, Accounts: [] }] } };
      }
      case 'ListPrincipalsForPortfolio':
        this.portfolio(s('PortfolioId'));
        return this.page(operation, input, 'Principals', (this.principals.get(input.PortfolioId as string) ?? []).map((arn) => ({ PrincipalARN: arn, PrincipalType: 'IAM_PATTERN' })), 20);
      case 'AssociatePrincipalWithPortfolio': {
        const list = this.principals.get(s('PortfolioId')) ?? [];
        if (!list.includes(s('PrincipalARN'))) {
          if (list.length >= 10) throw sdkError(sc.LimitExceededException, 400, 'You can associate a maximum of 10 Principals with a portfolio using PrincipalType as IAM_PATTERN.');
          list.push(input.PrincipalARN as string);
        }
        this.principals.set(input.PortfolioId as string, list);
        return {};
      }
      case 'ListConstraintsForPortfolio': {
        const items = [...this.constraints.values()].filter((c) => c.portfolioId === input.PortfolioId && (input.ProductId === undefined || c.productId === input.ProductId));
        return this.page(operation, input, 'ConstraintDetails', items.map((c) => ({ ConstraintId: c.id, Type: c.type, PortfolioId: c.portfolioId, ProductId: c.productId, Owner: '111111111111' })), 20);
      }
      case 'DescribeConstraint': {
        const c = this.constraints.get(s('Id'));
        if (c === undefined) throw sdkError(sc.ResourceNotFoundException, 400, 'Constraint not found.');
        return { ConstraintDetail: { ConstraintId: c.id, Type: c.type, PortfolioId: c.portfolioId, ProductId: c.productId }, ConstraintParameters: c.parameters, Status: 'AVAILABLE' };
      }
      case 'CreateConstraint': {
        const [portfolioId, productId, type] = [s('PortfolioId'), s('ProductId'), s('Type')];
        if (!this.associations.has(`${portfolioId}/${productId}`)) throw sdkError(sc.ResourceNotFoundException, 400, 'Resource not found: the product is not in the portfolio.');
        if (type === 'LAUNCH' && [...this.constraints.values()].some((c) => c.portfolioId === portfolioId && c.productId === productId && c.type === 'LAUNCH')) {
          throw sdkError(sc.DuplicateResourceException, 400, 'A launch constraint already exists for this product and portfolio.');
        }
        const role = (JSON.parse(s('Parameters')) as { LocalRoleName?: string }).LocalRoleName;
        if (role !== undefined && this.localRoles !== undefined && !this.localRoles.has(role)) {
          throw sdkError(sc.InvalidParametersException, 400, `Role ${role} does not exist in this account; the given role name must exist in the account used to create the launch constraint.`);
        }
        const id = this.id('cons');
        this.constraints.set(id, { id, portfolioId, productId, type, parameters: s('Parameters') });
        return { ConstraintDetail: { ConstraintId: id, Type: type }, Status: 'AVAILABLE' };
      }
      case 'UpdateConstraint': {
        const c = this.constraints.get(s('Id'));
        if (c === undefined) throw sdkError(sc.ResourceNotFoundException, 400, 'Constraint not found.');
        if (typeof input.Parameters === 'string') c.parameters = input.Parameters;
        return { ConstraintDetail: { ConstraintId: c.id, Type: c.type }, ConstraintParameters: c.parameters, Status: 'AVAILABLE' };
      }
      default:
        throw new Error(`ServiceCatalogFake: ${operation} is not modelled`);
    }
  }

  private share(operation: string, portfolioId: string, input: Input): object {
    this.portfolio(portfolioId);
    const node = (input.OrganizationNode ?? {}) as { Type?: string; Value?: string };
    if (node.Type === undefined || node.Value === undefined) throw sdkError(sc.InvalidParametersException, 400, 'OrganizationNode is required.');
    if (this.organizationsAccess !== 'ENABLED') throw sdkError(sc.InvalidStateException, 400, 'AWSOrganizationsAccess must be enabled in order to create a portfolio share to an organization node.');
    const list = this.shares.get(portfolioId) ?? [];
    const existing = list.find((x) => x.type === node.Type && x.value === node.Value);
    if (operation === 'UpdatePortfolioShare') {
      if (existing === undefined) throw sdkError(sc.ResourceNotFoundException, 400, 'Portfolio share not found.');
      existing.sharePrincipals = input.SharePrincipals === true;
    } else if (existing === undefined) {
      const error = this.knownNodes !== undefined && !this.knownNodes.has(node.Value) ? `${node.Value} is not in the organization.` : undefined;
      if (error === undefined) list.push({ type: node.Type, value: node.Value, sharePrincipals: input.SharePrincipals === true });
      this.shares.set(portfolioId, list);
      const token = this.id('share');
      this.shareTokens.set(token, { portfolioId, value: node.Value, polls: 0, ...(error === undefined ? {} : { error }) });
      return { PortfolioShareToken: token };
    }
    // An existing share: no effect, no error.
    const token = this.id('share');
    this.shareTokens.set(token, { portfolioId, value: node.Value, polls: 0 });
    return { PortfolioShareToken: token };
  }

  private newArtifact(parameters: unknown): Artifact {
    const p = (parameters ?? {}) as { Name?: string; Info?: { LoadTemplateFromURL?: string } };
    const url = p.Info?.LoadTemplateFromURL;
    if (url === undefined || !this.templateReadable(url)) throw sdkError(sc.InvalidParametersException, 400, `Unable to retrieve the template from LoadTemplateFromURL ${url ?? '(none)'}.`);
    return { id: this.id('pa'), name: p.Name ?? '', active: true, guidance: 'DEFAULT', url };
  }

  private portfolio(id: string): void {
    if (!this.portfolios.has(id)) throw sdkError(sc.ResourceNotFoundException, 400, `Portfolio ${id} not found.`);
  }

  private product(id: string): Product {
    const p = this.products.get(id);
    if (p === undefined) throw sdkError(sc.ResourceNotFoundException, 400, `Product ${id} not found.`);
    return p;
  }

  private id(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter.toString(36).padStart(13, '0')}`;
  }

  private page(operation: string, input: Input, field: string, items: readonly object[], max: number): object {
    const result = this.paginator.page(() => items, { listing: `${operation}:${JSON.stringify({ ...input, PageToken: undefined, PageSize: undefined })}`, maxResults: input.PageSize as number | undefined, nextToken: input.PageToken as string | undefined, defaultMaxResults: Math.min(20, max), maxMaxResults: max });
    if (isPageError(result)) throw sdkError(sc.InvalidParametersException, 400, 'The page token is not valid.');
    return { [field]: result.items, ...(result.nextToken === undefined ? {} : { NextPageToken: result.nextToken }) };
  }
}

function sdkErrorNamed(name: string, message: string): sc.ServiceCatalogServiceException {
  return new sc.ServiceCatalogServiceException({ name, $fault: 'client', $metadata: responseMetadata(400), message });
}

export interface ServiceCatalogFakes {
  readonly fake: ServiceCatalogFake;
  readonly mock: AwsStub<any, any, any>;
  restore(): void;
}

const OPERATIONS = [...MUTATING, 'GetAWSOrganizationsAccessStatus', 'ListPortfolios', 'SearchProductsAsAdmin', 'ListProvisioningArtifacts', 'ListPortfoliosForProduct', 'DescribePortfolioShares', 'DescribePortfolioShareStatus', 'ListPrincipalsForPortfolio', 'ListConstraintsForPortfolio', 'DescribeConstraint'];

export function installServiceCatalogFake(fake = new ServiceCatalogFake()): ServiceCatalogFakes {
  const mock = mockClient(sc.ServiceCatalogClient);
  mock.send.callsFake((command: object) => Promise.reject(new Error(`ServiceCatalogFake: ${command.constructor.name} is not modelled`)));
  for (const operation of OPERATIONS) {
    const commandClass = (sc as unknown as Record<string, new (input: object) => object>)[`${operation}Command`];
    if (commandClass === undefined) throw new Error(`installServiceCatalogFake: the SDK has no ${operation}Command`);
    mock.on(commandClass as any).callsFake((input: Input) => fake.handle(operation, input));
  }
  return { fake, mock, restore: () => mock.restore() };
}
