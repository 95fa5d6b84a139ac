/**
 * The diff property of issue 2, through the real pieces instead of a model: for random live and
 * allowed rule sets, one evaluation (adapter → SDK clients → in-memory EC2 with real semantics)
 * leaves the group with exactly the allowed rules, and a second evaluation makes no write.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import fc from 'fast-check';
import { formatRule, sortRules } from '../../src/ingress-rule';
import { NONE, parseAllowedIngress } from '../../src/rule-parameters';
import { createAwsAdapter } from '../../handler/aws-adapter';
import { evaluateEvent } from '../../handler/evaluate-event';
import { FAKE_ACCOUNT_ID } from './ec2-fake';
import { changeEvent } from './events';
import { wireFakes } from './harness';

const PEER = 'sg-0000000000000beef';
const SELF = 'self';

const ipv4 = fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '192.168.1.0/24');
const ipv6 = fc.constantFrom('::/0', '2001:db8::/32');
const other = fc.constantFrom('pl-0123abcd', PEER, `${FAKE_ACCOUNT_ID}/${PEER}`, SELF);
const ports = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 })).map(([from, span]) => (span === 0 ? `${20 + from}` : `${20 + from}-${20 + from + span}`));
/** One grammar entry with its source: the protocol decides which sources it may take. */
const entry: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('tcp', 'udp', '6', '17'), ports, fc.oneof(ipv4, ipv6, other)).map(([p, ps, s]) => `${p}:${ps}@${s}`),
  fc.tuple(fc.constantFrom('*', '8', '3/4'), fc.oneof(ipv4, other)).map(([t, s]) => `icmp:${t}@${s}`),
  fc.tuple(fc.constantFrom('*', '128'), fc.oneof(ipv6, other)).map(([t, s]) => `icmpv6:${t}@${s}`),
  fc.oneof(ipv4, ipv6, other).map((s) => `all@${s}`),
);

describe('one evaluation in enforce mode', () => {
  it('leaves exactly the allowed rules, whatever the group held, and a second evaluation writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 10 }), fc.array(entry, { maxLength: 10 }), async (allowedEntries, liveEntries) => {
        const fakes = wireFakes();
        try {
          fakes.ec2.addGroup({ groupId: PEER });
          const group = fakes.ec2.addGroup({ ingress: liveEntries });
          const allowedIngress = allowedEntries.length === 0 ? NONE : allowedEntries.map((e) => e.replace(`@${SELF}`, `@${group}`)).join(',');
          const adapter = createAwsAdapter({ ec2: new EC2Client({}), config: new ConfigServiceClient({}) });
          const run = (): Promise<unknown> => evaluateEvent(changeEvent(group, { ruleParameters: { allowedIngress } }), { adapter, now: () => new Date(), log: () => undefined });

          await run();
          const expected = sortRules(parseAllowedIngress(allowedIngress, [])).map(formatRule);
          // The fake reports a referenced group with its owner, as EC2 does; compare without it.
          expect(fakes.ec2.ingressOf(group).map((r) => r.replace(`@${FAKE_ACCOUNT_ID}/`, '@'))).toEqual(expected.map((r) => r.replace(`@${FAKE_ACCOUNT_ID}/`, '@')));
          expect(fakes.config.latest(group)?.ComplianceType).toBe('COMPLIANT');

          const writes = fakes.ec2.writeCount();
          await run();
          expect(fakes.ec2.writeCount()).toBe(writes);
        } finally {
          fakes.restore();
        }
      }),
      { numRuns: 150 },
    );
  });
});
