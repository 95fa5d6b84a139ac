/**
 * Failures that come from the machine, through the real SDK clients and adapters: each names the
 * variable or file to fix. Credentials and region come from a throwaway HOME and config files; EC2
 * instance metadata is switched off, so no test reaches the network.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAwsClients } from '../../../src/aws/clients';
import { readOrganization } from '../../../src/aws/organizations-reader';
import { readProfileNames, replaceNodeVersionWarning } from '../../../src/aws/sdk-environment';
import { StackSetsAdapter } from '../../../src/aws/stack-sets';

const saved = { ...process.env };
let home: string;

/** A clean SDK environment: a fresh HOME (the SDK caches files by path), no credentials, no IMDS. */
function cleanEnvironment(vars: Record<string, string>, files: { config?: string; credentials?: string } = {}): void {
  home = mkdtempSync(path.join(os.tmpdir(), 'sg-guardrail-home-'));
  for (const key of Object.keys(process.env)) if (/^AWS_/.test(key)) delete process.env[key];
  process.env.HOME = home;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
  process.env.AWS_CONFIG_FILE = path.join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, 'credentials');
  if (files.config !== undefined) writeFileSync(process.env.AWS_CONFIG_FILE, files.config);
  if (files.credentials !== undefined) writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, files.credentials);
  Object.assign(process.env, vars);
}

afterEach(() => {
  process.env = { ...saved };
  rmSync(home, { recursive: true, force: true });
});

/** The message of the first CloudFormation call and of the organization read. */
async function failures(): Promise<string[]> {
  const clients = createAwsClients();
  const messages = await Promise.all([
    new StackSetsAdapter(clients.cloudFormation, 'SELF').listStackSets().then(() => 'no error', (e: Error) => e.message),
    readOrganization(clients.organizations).then(() => 'no error', (e: Error) => e.message),
  ]);
  return messages;
}

describe('machine-side SDK failures name what to fix', () => {
  it('no region: AWS_REGION', async () => {
    cleanEnvironment({ AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'x' });
    for (const message of await failures()) {
      expect(message).toMatch(/^AWS_REGION: no AWS region is set\. Fix: set AWS_REGION to the region the stack sets are administered in .*`region` of the profile in .*config\.$/);
    }
  });

  it('an unknown profile: AWS_PROFILE and both files, even where the region is missing too', async () => {
    cleanEnvironment({ AWS_PROFILE: 'prod-admin' }, { config: '[profile dev]\nregion = eu-west-1\n' });
    const files = `${path.join(home, 'config')} nor ${path.join(home, 'credentials')}`;
    for (const message of await failures()) {
      expect(message).toBe(
        `AWS_PROFILE: profile "prod-admin" is in neither ${files}. Fix: set AWS_PROFILE to a profile of ${path.join(home, 'config')} (\`aws configure list-profiles\` lists them), or create it with \`aws configure --profile prod-admin\` or \`aws configure sso\`.`,
      );
    }
  });

  it('no credentials at all: names the profile files and the key variables', async () => {
    cleanEnvironment({ AWS_REGION: 'us-east-1' });
    for (const message of await failures()) {
      expect(message).toMatch(/^credentials: no AWS credentials were found\. Fix: set AWS_PROFILE to a profile in .*config or .*credentials .*, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\.$/);
    }
  });

  it('a known profile whose credentials fail: says so, with the renewal', async () => {
    cleanEnvironment({ AWS_PROFILE: 'dev' }, { config: '[profile dev]\nregion = eu-west-1\n' });
    for (const message of await failures()) {
      expect(message).toMatch(/^AWS_PROFILE \(.*config\): the credentials of profile "dev" could not be loaded: .+ Fix: renew them \(`aws sso login --profile dev` for SSO\)/);
    }
  });
});

describe('readProfileNames', () => {
  it('reads [profile NAME] and [default] from config, [NAME] from credentials, and nothing else', () => {
    cleanEnvironment({}, {
      config: '[default]\nregion=us-east-1\n[profile  dev ]\n[sso-session corp]\n[services local]\n# [profile commented]\n',
      credentials: '[ci]\naws_access_key_id=x\n',
    });
    expect([...readProfileNames(process.env)].sort()).toEqual(['ci', 'default', 'dev']);
  });
});

describe('replaceNodeVersionWarning', () => {
  it('on Node.js 20: switches the SDK warning off and returns one line instead', () => {
    const env: Record<string, string | undefined> = {};
    const note = replaceNodeVersionWarning(env, 'v20.20.2');
    expect(note).toBe("note: Node.js v20.20.2 runs this checkout's AWS SDK, but SDK releases after early January 2027 need Node.js 22 or later.");
    expect(note).not.toContain('\n');
    expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
  });

  it('on Node.js 22 and later: nothing to say (the SDK would say nothing either)', () => {
    const env: Record<string, string | undefined> = {};
    expect(replaceNodeVersionWarning(env, 'v22.12.0')).toBeUndefined();
    expect(replaceNodeVersionWarning({}, 'v24.1.0')).toBeUndefined();
  });

  it('leaves a user who set the switch either way alone', () => {
    for (const value of ['true', 'false']) {
      const env: Record<string, string | undefined> = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: value };
      expect(replaceNodeVersionWarning(env, 'v20.20.2')).toBeUndefined();
      expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe(value);
    }
  });
});
