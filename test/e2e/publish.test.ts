/**
 * `sg-guardrail publish` end to end: the real CLI, build and SDK clients against the Organizations,
 * Service Catalog and S3 fakes: first publish, the same version again (no change), a new version
 * (older ones stay, or --deprecate-old), a share or version already present, paging, throttling, and
 * every refusal before the first change.
 */
import { createHash } from 'node:crypto';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { installS3Fake } from '../fakes/s3-fake';
import type { S3Fakes } from '../fakes/s3-fake';
import { installServiceCatalogFake } from '../fakes/service-catalog-fake';
import type { ServiceCatalogFakes } from '../fakes/service-catalog-fake';
import { createWorkspace, runCli } from './deploy-helpers';
import type { Workspace } from './deploy-helpers';

const BUCKET = 'acme-templates';
const CONFIG = `
regions: [us-east-1]
serviceCatalog: { principals: ["arn:aws:iam:::role/PlatformTeam"], launchRoleName: SCLaunch-sg-guardrail }
profiles:
  web: { allowedIngress: "80,443", ous: [Root/Workloads] }
  mail: { allowedIngress: "25", mode: report, ous: [Root/Mail] }
`;

let aws: AwsFakes;
let sc: ServiceCatalogFakes;
let s3: S3Fakes;
let ws: Workspace;
let ous: { workloads: string; mail: string };

beforeEach(() => {
  const org = new OrganizationFake();
  ous = { workloads: org.addOuPath('Root/Workloads'), mail: org.addOuPath('Root/Mail') };
  aws = installAwsFakes({ organization: org });
  sc = installServiceCatalogFake();
  s3 = installS3Fake();
  s3.fake.addBucket(BUCKET, 'eu-west-1');
  sc.fake.knownNodes = new Set([ous.workloads, ous.mail, org.organizationId]);
  // Service Catalog copies the template when a version is created: the object must be there.
  sc.fake.templateReadable = (url) => {
    const m = /^https:\/\/([a-z0-9-]+)\.s3\.eu-west-1\.amazonaws\.com\/(.+)$/.exec(url);
    return m !== null && s3.fake.object(m[1] as string, decodeURIComponent(m[2] as string)) !== undefined;
  };
  ws = createWorkspace();
});
afterEach(() => {
  aws.restore();
  sc.restore();
  s3.restore();
});

const publish = (config = CONFIG, ...extra: string[]) => runCli(['publish', '-c', ws.writeConfig(config), '--bucket', BUCKET, '--poll-seconds', '0', ...extra]);
const mutating = () => [...sc.fake.mutatingCalls().map((c) => c.operation), ...s3.fake.recorder.mutatingCalls().map((c) => c.operation)];
const calls = (operation: string) => sc.fake.recorder.calls(operation).map((c) => c.input);

describe('sg-guardrail publish', () => {
  it('publishes the standalone template, shares it with the profiles\' OUs and is idempotent', async () => {
    const first = await publish(CONFIG, '--version', '1.0.0');
    expect(first.stderr).not.toMatch(/sg-guardrail publish:/);
    expect(first.code).toBe(0);
    const object = s3.fake.object(BUCKET, 'sg-guardrail/1.0.0/standalone.yaml');
    expect(object?.body).toMatch(/^# sg-guardrail \d+\.\d+\.\d+.*, standalone template/);
    expect(object?.metadata).toEqual({ sha256: createHash('sha256').update(object?.body ?? '').digest('hex') });
    const [portfolio] = [...sc.fake.portfolios.values()];
    const [product] = [...sc.fake.products.values()];
    expect([portfolio?.displayName, portfolio?.providerName, product?.name, product?.owner]).toEqual(['sg-guardrail', 'Cloud platform team', 'sg-guardrail', 'Cloud platform team']);
    expect(product?.artifacts.map((a) => [a.name, a.url])).toEqual([['1.0.0', `https://${BUCKET}.s3.eu-west-1.amazonaws.com/sg-guardrail/1.0.0/standalone.yaml`]]);
    expect(sc.fake.associations).toEqual(new Set([`${portfolio?.id}/${product?.id}`]));
    expect(calls('CreatePortfolioShare').map((i) => [i.OrganizationNode, i.SharePrincipals])).toEqual([
      [{ Type: 'ORGANIZATIONAL_UNIT', Value: ous.mail }, true],
      [{ Type: 'ORGANIZATIONAL_UNIT', Value: ous.workloads }, true],
    ]);
    expect(calls('AssociatePrincipalWithPortfolio')).toEqual([{ PortfolioId: portfolio?.id, PrincipalARN: 'arn:aws:iam:::role/PlatformTeam', PrincipalType: 'IAM_PATTERN' }]);
    expect(calls('CreateConstraint').map((i) => [i.Type, i.Parameters])).toEqual([['LAUNCH', '{"LocalRoleName":"SCLaunch-sg-guardrail"}']]);
    expect(first.stdout).toContain('share COMPLETED');
    expect(first.stdout).toMatch(/Done: 8 change\(s\)\./);

    sc.fake.recorder.clear();
    s3.fake.recorder.clear();
    const second = await publish(CONFIG, '--version', '1.0.0');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to do: version 1.0.0 is published, shared and launchable');
    expect(mutating()).toEqual([]);
  }, 60_000);

  it('a new version is added beside the old one; --deprecate-old deprecates the others', async () => {
    expect((await publish(CONFIG, '--version', '1.0.0')).code).toBe(0);
    sc.fake.recorder.clear();
    s3.fake.recorder.clear();
    const next = await publish(CONFIG, '--version', '1.1.0');
    expect(next.code).toBe(0);
    expect(mutating()).toEqual(['CreateProvisioningArtifact', 'PutObject']);
    const [product] = [...sc.fake.products.values()];
    expect(product?.artifacts.map((a) => [a.name, a.active, a.guidance])).toEqual([
      ['1.0.0', true, 'DEFAULT'],
      ['1.1.0', true, 'DEFAULT'],
    ]);
    sc.fake.recorder.clear();
    const deprecate = await publish(CONFIG, '--version', '1.1.0', '--deprecate-old');
    expect(deprecate.code).toBe(0);
    expect(calls('UpdateProvisioningArtifact')).toEqual([{ ProductId: product?.id, ProvisioningArtifactId: product?.artifacts[0]?.id, Guidance: 'DEPRECATED' }]);
    expect(product?.artifacts.map((a) => a.guidance)).toEqual(['DEPRECATED', 'DEFAULT']);
  }, 60_000);

  it('a share already present is left alone, or only gets principal sharing turned on', async () => {
    sc.fake.portfolios.set('port-existing00001', { id: 'port-existing00001', displayName: 'sg-guardrail', providerName: 'Cloud platform team' });
    sc.fake.shares.set('port-existing00001', [
      { type: 'ORGANIZATIONAL_UNIT', value: ous.workloads, sharePrincipals: true },
      { type: 'ORGANIZATIONAL_UNIT', value: ous.mail, sharePrincipals: false },
    ]);
    const run = await publish(CONFIG, '--version', '1.0.0');
    expect(run.code).toBe(0);
    expect(calls('CreatePortfolio')).toEqual([]);
    expect(calls('CreatePortfolioShare')).toEqual([]);
    expect(calls('UpdatePortfolioShare')).toEqual([{ PortfolioId: 'port-existing00001', OrganizationNode: { Type: 'ORGANIZATIONAL_UNIT', Value: ous.mail }, SharePrincipals: true }]);
  }, 60_000);

  it('a product version already present is not uploaded or created again', async () => {
    sc.fake.products.set('prod-existing00001', { id: 'prod-existing00001', name: 'sg-guardrail', owner: 'x', description: '', artifacts: [{ id: 'pa-existing000001', name: '1.0.0', active: true, guidance: 'DEFAULT', url: 'https://elsewhere' }] });
    const run = await publish(CONFIG, '--version', '1.0.0');
    expect(run.code).toBe(0);
    expect(mutating()).not.toContain('PutObject');
    expect(mutating()).not.toContain('CreateProduct');
    expect(mutating()).not.toContain('CreateProvisioningArtifact');
    expect(mutating()).toContain('AssociateProductWithPortfolio');
  }, 60_000);

  it('one product per profile, each its own template and key, and the root as the whole organization', async () => {
    const config = CONFIG.replace('serviceCatalog: {', 'serviceCatalog: { perProfile: true, shareOus: [Root],');
    const run = await publish(config, '--version', '2.0.0');
    expect(run.code).toBe(0);
    expect([...sc.fake.products.values()].map((p) => p.name).sort()).toEqual(['sg-guardrail-mail', 'sg-guardrail-web']);
    expect(s3.fake.object(BUCKET, 'sg-guardrail/2.0.0/profiles/web/standalone.yaml')?.body).toContain('profile web of org.yaml');
    expect(s3.fake.object(BUCKET, 'sg-guardrail/2.0.0/profiles/mail/standalone.yaml')?.body).toContain('Default: report');
    expect(calls('CreatePortfolioShare').map((i) => i.OrganizationNode)).toEqual([{ Type: 'ORGANIZATION', Value: aws.organization.organizationId }]);
  }, 60_000);

  it('follows every page and retries throttling', async () => {
    for (let i = 0; i < 25; i += 1) sc.fake.portfolios.set(`port-other${String(i).padStart(8, '0')}`, { id: `port-other${String(i).padStart(8, '0')}`, displayName: `other-${i}`, providerName: 'x' });
    sc.fake.portfolios.set('port-ours00000001', { id: 'port-ours00000001', displayName: 'sg-guardrail', providerName: 'x' });
    sc.fake.paginator.shape = { pageSizeCap: 3, emptyPages: 'interleaved' };
    sc.fake.recorder.throttle(3, ['ListPortfolios', 'SearchProductsAsAdmin', 'CreateProduct']);
    const run = await publish(CONFIG, '--version', '1.0.0');
    expect(run.code).toBe(0);
    expect(calls('CreatePortfolio')).toEqual([]);
    expect(sc.fake.associations.has(`port-ours00000001/${[...sc.fake.products.keys()][0] ?? ''}`)).toBe(true);
    expect(sc.fake.recorder.calls().filter((c) => c.throttled)).toHaveLength(3);
  }, 60_000);

  it.each([
    ['Organizations access disabled', () => (sc.fake.organizationsAccess = 'DISABLED'), /servicecatalog:GetAWSOrganizationsAccessStatus: sharing with OUs needs AWS Organizations access for Service Catalog, which is DISABLED\. Fix: .*enable-aws-organizations-access/],
    [
      'two portfolios of the name',
      () => ['port-a0000000001', 'port-b0000000001'].forEach((id) => sc.fake.portfolios.set(id, { id, displayName: 'sg-guardrail', providerName: 'x' })),
      /serviceCatalog\.portfolioName: 2 portfolios are named "sg-guardrail".*Fix: set serviceCatalog\.portfolioName to a name only one portfolio has/,
    ],
    [
      'another template under the version\'s key',
      () => s3.fake.putObject(BUCKET, 'sg-guardrail/1.0.0/standalone.yaml', { body: 'other', metadata: { sha256: 'abc' }, contentType: undefined }),
      /s3:\/\/acme-templates\/sg-guardrail\/1\.0\.0\/standalone\.yaml: s3:\/\/acme-templates\/sg-guardrail\/1\.0\.0\/standalone\.yaml already holds a different template for version 1\.0\.0\. Fix: publish under a new --version/,
    ],
  ])('%s: exit 1 with the fix, nothing changed', async (_name, arrange, message) => {
    arrange();
    const run = await publish(CONFIG, '--version', '1.0.0');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(mutating()).toEqual([]);
  }, 60_000);

  it('a share that fails is reported, exit 1; the next run redoes only it', async () => {
    sc.fake.knownNodes = new Set([ous.mail]);
    const run = await publish(CONFIG, '--version', '1.0.0');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`! the share with Root/Workloads \\(${ous.workloads}\\) ended ERROR: InvalidParameter: ${ous.workloads} is not in the organization\\.`));
    sc.fake.knownNodes = new Set([ous.mail, ous.workloads]);
    sc.fake.recorder.clear();
    s3.fake.recorder.clear();
    expect((await publish(CONFIG, '--version', '1.0.0')).code).toBe(0);
    expect(mutating()).toEqual(['CreatePortfolioShare']);
  }, 60_000);

  it.each([
    ['no --bucket', ['publish', '-c', 'CONFIG'], /publish: --bucket: no bucket given\. Fix: pass --bucket B/],
    ['a bad bucket', ['publish', '-c', 'CONFIG', '--bucket', 'Bad_Bucket'], /--bucket: "Bad_Bucket" is not an S3 bucket name\. Fix: /],
    ['a bad version', ['publish', '-c', 'CONFIG', '--bucket', BUCKET, '--version', '1.0/evil'], /--version: "1\.0\/evil" is not a version label\. Fix: /],
    ['an unknown share OU', ['publish', '-c', 'BADOU', '--bucket', BUCKET], /org\.yaml:serviceCatalog\.shareOus\[0\]: OU "Root\/Nope" does not exist in the organization/],
  ])('%s: exit 1 with the fix and no change', async (_name, args, message) => {
    const file = ws.writeConfig(CONFIG.replace('serviceCatalog: {', args[2] === 'BADOU' ? 'serviceCatalog: { shareOus: [Root/Nope],' : 'serviceCatalog: {'));
    const run = await runCli(args.map((a) => (a === 'CONFIG' || a === 'BADOU' ? file : a)));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(mutating()).toEqual([]);
  }, 60_000);
});

describe('sg-guardrail publish with a launch role missing in this account', () => {
  it('says to deploy the launch role here too; the rest is kept and the next run adds only the constraint', async () => {
    sc.fake.localRoles = new Set();
    const run = await publish(CONFIG, '--version', '1.0.0');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/servicecatalog:CreateConstraint: InvalidParametersException: Role SCLaunch-sg-guardrail does not exist in this account.*Fix: the launch role must exist in this account too: deploy dist\/service-catalog\/launch-role\.yaml here/);
    sc.fake.localRoles = new Set(['SCLaunch-sg-guardrail']);
    sc.fake.recorder.clear();
    s3.fake.recorder.clear();
    expect((await publish(CONFIG, '--version', '1.0.0')).code).toBe(0);
    expect(mutating()).toEqual(['CreateConstraint', 'AssociatePrincipalWithPortfolio', 'CreatePortfolioShare', 'CreatePortfolioShare']);
  }, 60_000);
});
