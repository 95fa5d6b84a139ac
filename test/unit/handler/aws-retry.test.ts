/**
 * The SDK behaviour AWS_CLIENT_CONFIG relies on, through the real middleware stack (no
 * aws-sdk-client-mock here: it replaces `send` and so skips the retry middleware). Only the HTTP
 * handler is fake, answering the way EC2 answers a throttled request.
 */
import { Readable } from 'node:stream';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AWS_CLIENT_CONFIG } from '../../../handler/aws-adapter';
import { classifyAwsError } from '../../../handler/aws-shapes';

const THROTTLED = '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>';
const DENIED = '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r2</RequestID></Response>';
const ONE_GROUP = '<?xml version="1.0" encoding="UTF-8"?><DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r3</requestId><securityGroupInfo><item><groupId>sg-0123456789abcdef0</groupId><groupName>web</groupName></item></securityGroupInfo></DescribeSecurityGroupsResponse>';

/** An EC2 client (with `overrides`) whose HTTP layer answers with `responses` in turn, counting the requests. */
function clientAnswering(responses: readonly { status: number; body: string }[], overrides: { maxAttempts?: number } = {}): { client: EC2Client; requests: () => number } {
  let count = 0;
  const requestHandler = {
    handle: async () => {
      const answer = responses[Math.min(count, responses.length - 1)]!;
      count += 1;
      return { response: { statusCode: answer.status, reason: '', headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(answer.body)]) } };
    },
  };
  const client = new EC2Client({ ...AWS_CLIENT_CONFIG, ...overrides, region: 'us-east-1', requestHandler });
  return { client, requests: () => count };
}

describe('AWS_CLIENT_CONFIG against EC2 answers', () => {
  // The SDK tells throttling by the error code (its list has RequestLimitExceeded), whatever the status.
  it.each([400, 503])('retries RequestLimitExceeded (HTTP %i) with backoff until the call succeeds', async (status) => {
    const { client, requests } = clientAnswering([{ status, body: THROTTLED }, { status: 200, body: ONE_GROUP }]);
    const out = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] }));
    expect(out.SecurityGroups?.map((g) => g.GroupId)).toEqual(['sg-0123456789abcdef0']);
    expect(requests()).toBe(2);
  });

  it('does not retry access denied, which the handler then classifies as permanent', async () => {
    const { client, requests } = clientAnswering([{ status: 403, body: DENIED }]);
    const error: unknown = await client.send(new DescribeSecurityGroupsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnauthorizedOperation', $fault: 'client' });
    expect(classifyAwsError(error)).toBe('permanent');
    expect(requests()).toBe(1);
  });

  it('throttling left after the last attempt is a client fault the handler still classifies as transient', async () => {
    const { client, requests } = clientAnswering([{ status: 400, body: THROTTLED }], { maxAttempts: 1 });
    const error: unknown = await client.send(new DescribeSecurityGroupsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestLimitExceeded', $fault: 'client' });
    expect(classifyAwsError(error)).toBe('transient');
    expect(requests()).toBe(1);
  });
});
