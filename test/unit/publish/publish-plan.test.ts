/** The publish plan, table-driven: what exists decides every step, and conflicts stop it before any. */
import { PublishError } from '../../../src/errors';
import type { ProductState, PublishDesired, PublishState } from '../../../src/publish/publish-plan';
import { describeStep, planPublish } from '../../../src/publish/publish-plan';

const OU = { type: 'ORGANIZATIONAL_UNIT' as const, value: 'ou-ab12-11111111', path: 'Root/Workloads' };
const DESIRED: PublishDesired = {
  bucket: 'b',
  version: '2.0.0',
  portfolioName: 'sg',
  providerName: 'Platform',
  products: [{ name: 'sg', description: 'd', key: 'sg/2.0.0/standalone.yaml', body: 'body', sha256: 'aaa' }],
  shares: [OU],
  principals: ['arn:aws:iam:::role/P'],
  launchRoleName: 'SCLaunch',
  deprecateOld: false,
};
const V2 = [{ id: 'pa-2', name: '2.0.0', active: true, guidance: 'DEFAULT' as const }];
const product = (p: Partial<ProductState> = {}): ProductState => ({ ids: ['prod-1'], artifacts: V2, portfolioIds: ['port-1'], launchConstraints: [{ id: 'c-1', roleName: 'SCLaunch' }], ...p });
const state = (s: Partial<PublishState> = {}): PublishState => ({
  objects: new Map(),
  portfolioIds: ['port-1'],
  products: new Map([['sg', product()]]),
  shares: [{ ...OU, sharePrincipals: true }],
  principals: ['arn:aws:iam:::role/P'],
  organizationsAccess: 'ENABLED',
  ...s,
});
const only = (p: Partial<ProductState>): Partial<PublishState> => ({ products: new Map([['sg', product(p)]]) });

describe('planPublish', () => {
  it.each([
    ['everything in place', DESIRED, state(), []],
    ['nothing there', DESIRED, state({ portfolioIds: [], products: new Map(), shares: [], principals: [] }), ['create-portfolio', 'upload', 'create-product', 'associate-product', 'create-launch-constraint', 'associate-principal', 'share']],
    ['a new version of an existing product', DESIRED, state(only({ artifacts: [{ id: 'pa-1', name: '1.0.0', active: true, guidance: 'DEFAULT' }] })), ['upload', 'create-version']],
    ['the template uploaded by an interrupted run', DESIRED, state({ ...only({ artifacts: [] }), objects: new Map([['sg/2.0.0/standalone.yaml', { sha256: 'aaa' }]]) }), ['create-version']],
    ['the product outside the portfolio', DESIRED, state(only({ portfolioIds: ['port-other'] })), ['associate-product']],
    ['a share without principal sharing', DESIRED, state({ shares: [{ ...OU, sharePrincipals: false }] }), ['enable-principal-sharing']],
    ['another launch role', DESIRED, state(only({ launchConstraints: [{ id: 'c-1', roleName: 'Old' }] })), ['update-launch-constraint']],
    ['no launch role wanted', { ...DESIRED, launchRoleName: '' }, state(only({ launchConstraints: [] })), []],
  ])('%s', (_name, desired, current, expected) => {
    expect(planPublish(desired, current).map((step) => step.kind)).toEqual(expected);
  });

  it('--deprecate-old deprecates every other active version once', () => {
    const artifacts = [
      { id: 'pa-0', name: '0.9.0', active: true, guidance: 'DEPRECATED' as const },
      { id: 'pa-1', name: '1.0.0', active: true, guidance: 'DEFAULT' as const },
      { id: 'pa-x', name: '0.1.0', active: false, guidance: 'DEFAULT' as const },
      ...V2,
    ];
    const steps = planPublish({ ...DESIRED, deprecateOld: true }, state(only({ artifacts })));
    expect(steps).toEqual([{ kind: 'deprecate-version', product: 'sg', artifactId: 'pa-1', version: '1.0.0' }]);
    expect(describeStep(steps[0] as (typeof steps)[number], DESIRED)).toBe('- deprecate version 1.0.0 of "sg" (no new launches; provisioned products can still update)');
  });

  it.each([
    ['two portfolios of the name', state({ portfolioIds: ['a', 'b'] }), /2 portfolios are named "sg"/],
    ['two products of the name', state(only({ ids: ['p1', 'p2'] })), /2 products are named "sg"/],
    ['a different template under the key', state({ ...only({ artifacts: [] }), objects: new Map([['sg/2.0.0/standalone.yaml', { sha256: 'bbb' }]]) }), /already holds a different template for version 2\.0\.0/],
    ['an object publish did not write', state({ ...only({ artifacts: [] }), objects: new Map([['sg/2.0.0/standalone.yaml', { sha256: undefined }]]) }), /already holds an object publish did not write/],
    ['Organizations access not enabled', state({ organizationsAccess: 'DISABLED' }), /needs AWS Organizations access for Service Catalog, which is DISABLED/],
  ])('refuses %s', (_name, current, message) => {
    expect(() => planPublish(DESIRED, current)).toThrow(PublishError);
    expect(() => planPublish(DESIRED, current)).toThrow(message);
  });
});
