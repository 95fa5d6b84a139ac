import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { ListStackSetsCommand } from '@aws-sdk/client-cloudformation';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { AWS_CLIENT_CONFIG } from '../../../handler/aws-adapter';
import { createAwsClients } from '../../../src/aws/clients';
import { AWS_HTTP_TIMEOUTS } from '../../../src/aws/http-timeouts';
import { readOrganization } from '../../../src/aws/organizations-reader';
import { StackSetsAdapter } from '../../../src/aws/stack-sets';

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

/** A TCP server on localhost that accepts every connection and never answers. */
async function silentServer(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => sockets.length,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('no AWS call can hang', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('every client has connection and request timeouts that throw (the SDK sets none)', async () => {
    const clients = createAwsClients();
    for (const client of [clients.cloudFormation, clients.organizations]) {
      // The NodeHttpHandler the client built from our options (resolved before its first request).
      const handler = client.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
      expect(await handler.configProvider).toMatchObject({ connectionTimeout: 5_000, requestTimeout: 10_000, throwOnRequestTimeout: true });
    }
    expect(AWS_CLIENT_CONFIG.requestHandler).toBe(AWS_HTTP_TIMEOUTS);
  });

  it('an endpoint that accepts and never answers fails after the attempts, naming the endpoint and the fix', async () => {
    const server = await silentServer();
    try {
      process.env.AWS_ENDPOINT_URL = server.url;
      const clients = createAwsClients({ timeouts: { requestTimeout: 100 } });
      const noWait = { sleep: async () => undefined };
      await expect(new StackSetsAdapter(clients.cloudFormation, 'SELF', noWait).listStackSets()).rejects.toThrow(
        new RegExp(`^cloudformation:ListStackSets: AWS_ENDPOINT_URL \\(${server.url.replace(/\./g, '\\.')}\\) did not answer in time .*100 ms requestTimeout.* Fix: check the network and any proxy, or unset AWS_ENDPOINT_URL to reach AWS itself, then run again\\.$`),
      );
      // maxAttempts: the SDK retried the timeout, then gave up.
      expect(server.connections()).toBe(6);
      await expect(readOrganization(clients.organizations, { retry: noWait })).rejects.toThrow(/^organizations:DescribeOrganization: AWS_ENDPOINT_URL .* did not answer in time/);
    } finally {
      await server.close();
    }
  }, 30_000);
});
