import { ListStackSetsCommand } from '@aws-sdk/client-cloudformation';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { createAwsClients } from '../../../src/aws/clients';

/** The URL a client would send a command to, caught before it leaves the process. */
async function targetOf(client: { middlewareStack: { add: (...args: never[]) => void }; send: (command: never) => Promise<unknown> }, command: unknown): Promise<string> {
  let url = '';
  const capture = () => async (args: { request: { protocol: string; hostname: string; port?: number } }) => {
    url = `${args.request.protocol}//${args.request.hostname}${args.request.port === undefined ? '' : `:${args.request.port}`}`;
    throw new Error('captured');
  };
  (client.middlewareStack.add as unknown as (m: unknown, o: unknown) => void)(capture, { step: 'finalizeRequest', priority: 'high' });
  await client.send(command as never).catch(() => undefined);
  return url;
}

describe('createAwsClients honours the standard SDK environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('AWS_REGION picks the region; Organizations goes to its global endpoint', async () => {
    delete process.env.AWS_ENDPOINT_URL;
    process.env.AWS_REGION = 'eu-west-3';
    const clients = createAwsClients();
    expect(await clients.cloudFormation.config.region()).toBe('eu-west-3');
    expect(await targetOf(clients.cloudFormation as never, new ListStackSetsCommand({}))).toBe('https://cloudformation.eu-west-3.amazonaws.com');
    expect(await targetOf(clients.organizations as never, new ListRootsCommand({}))).toBe('https://organizations.us-east-1.amazonaws.com');
  });

  it('AWS_ENDPOINT_URL sends both clients to that endpoint (e.g. a local emulator)', async () => {
    process.env.AWS_REGION = 'eu-west-1';
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const clients = createAwsClients();
    expect(await targetOf(clients.cloudFormation as never, new ListStackSetsCommand({}))).toBe('http://localhost:4566');
    expect(await targetOf(clients.organizations as never, new ListRootsCommand({}))).toBe('http://localhost:4566');
  });

  it('retries throttling adaptively', async () => {
    const clients = createAwsClients();
    expect(await clients.organizations.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await clients.cloudFormation.config.maxAttempts()).toBe(6);
  });
});
