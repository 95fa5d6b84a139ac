import { formatRule } from '../../../../src/ingress-rule';
import type { LiveRule } from '../../../../handler/core/live-rule';
import { checkRevoke } from '../../../../handler/core/verify';
import { rulesOf } from '../live-rule-fixtures';

const ALLOWED = rulesOf('80,443');
const tcp = (ruleId: string, port: number, cidrIpv4 = '0.0.0.0/0'): LiveRule => ({ ruleId, protocol: 'tcp', fromPort: port, toPort: port, cidrIpv4 });
const text = (check: ReturnType<typeof checkRevoke>): { revoked: string[]; cutAllowed: string[]; unreportedIds: readonly string[]; confirmed: boolean } => ({
  revoked: check.revoked.map(formatRule),
  cutAllowed: check.cutAllowed.map(formatRule),
  unreportedIds: check.unreportedIds,
  confirmed: check.confirmed,
});

describe('checkRevoke', () => {
  it('no revoke asked for: confirmed, nothing revoked', () => {
    expect(text(checkRevoke(undefined, ALLOWED))).toEqual({ revoked: [], cutAllowed: [], unreportedIds: [], confirmed: true });
  });

  it('every id revoked as read: confirmed', () => {
    const check = checkRevoke({ requestedIds: ['sgr-1', 'sgr-2'], returned: true, rules: [tcp('sgr-1', 22), tcp('sgr-2', 3389)] }, ALLOWED);
    expect(text(check)).toEqual({ revoked: ['tcp:22@0.0.0.0/0', 'tcp:3389@0.0.0.0/0'], cutAllowed: [], unreportedIds: [], confirmed: true });
  });

  it('an id modified into an allowed rule before the revoke: the allowed rule is named to be added back, not confirmed', () => {
    const check = checkRevoke({ requestedIds: ['sgr-1'], returned: true, rules: [tcp('sgr-1', 443, '0.0.0.0/0')] }, ALLOWED);
    expect(text(check)).toEqual({ revoked: ['tcp:443@0.0.0.0/0'], cutAllowed: ['tcp:443@0.0.0.0/0'], unreportedIds: [], confirmed: false });
  });

  it('an id modified into another extra rule: still outside the allowed set, so confirmed, naming the rule as revoked', () => {
    const check = checkRevoke({ requestedIds: ['sgr-1'], returned: true, rules: [tcp('sgr-1', 25)] }, ALLOWED);
    expect(text(check)).toMatchObject({ revoked: ['tcp:25@0.0.0.0/0'], confirmed: true });
  });

  it.each([
    ['nothing reported revoked', { requestedIds: ['sgr-1', 'sgr-2'], returned: true, rules: [] }, ['sgr-1', 'sgr-2']],
    ['one id missing from the answer', { requestedIds: ['sgr-1', 'sgr-2'], returned: true, rules: [tcp('sgr-1', 22)] }, ['sgr-2']],
    // A refused call revoked nothing: a missing id at the next read is someone else's doing.
    ['Return false', { requestedIds: ['sgr-1'], returned: false, rules: [] }, []],
  ])('%s: not confirmed; the ids a successful answer did not name are listed', (_name, report, unconfirmed) => {
    const check = checkRevoke(report, ALLOWED);
    expect(check.confirmed).toBe(false);
    expect(check.unreportedIds).toEqual(unconfirmed);
  });

  it('an id reported twice counts once', () => {
    const check = checkRevoke({ requestedIds: ['sgr-1'], returned: true, rules: [tcp('sgr-1', 22), tcp('sgr-1', 22)] }, ALLOWED);
    expect(text(check).revoked).toEqual(['tcp:22@0.0.0.0/0']);
  });
});
