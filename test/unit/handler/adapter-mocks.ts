/**
 * The adapter under aws-sdk-client-mock, shared by the adapter tests: one adapter over mocked
 * clients (reset before each test), AWS-shaped errors, and the commands sent.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client, EC2ServiceException } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsAdapter } from '../../../handler/aws-adapter';
import type { RuleDiff } from '../../../handler/core/diff';
import { groupLiveRules } from '../../../handler/core/live-rule';
import { ANY_CIDR, liveRules, rulesOf } from './live-rule-fixtures';

export const GROUP = 'sg-0123456789abcdef0';
export const ec2Mock = mockClient(EC2Client);
export const configMock = mockClient(ConfigServiceClient);
/** A clock whose sleep passes at once (and moves its time on): the write pacing costs no real time here. */
export const clock = {
  time: 0,
  now(): number {
    return clock.time;
  },
  async sleep(ms: number): Promise<void> {
    clock.time += ms;
  },
};
export const adapter = createAwsAdapter({ ec2: new EC2Client({}), config: new ConfigServiceClient({}), clock });

beforeEach(() => {
  ec2Mock.reset();
  configMock.reset();
});

/** An error shaped as the SDK throws it for an EC2 error response. */
export const awsError = (name: string, message = `${name} happened`, fault: 'client' | 'server' = 'client'): EC2ServiceException =>
  new EC2ServiceException({ name, message, $fault: fault, $metadata: { httpStatusCode: fault === 'client' ? 400 : 503 } });

/** The names of the EC2 commands sent, in order. */
export const sent = (): string[] => ec2Mock.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name.replace('Command', ''));

/** A diff: authorize `add`, revoke the `revoke` rules under ids sgr-r0, sgr-r1, … */
export function diffOf(add: string, revoke: string): RuleDiff {
  return { toAuthorize: rulesOf(add, ANY_CIDR), toRevoke: [...groupLiveRules(liveRules(revoke, ['0.0.0.0/0'], 'sgr-r')).values()] };
}
