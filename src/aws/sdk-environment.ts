/**
 * SDK failures that come from the machine rather than from AWS: no region, an unknown profile, no
 * credentials, an endpoint that does not answer. The SDK's own messages ("Region is missing",
 * "Could not load credentials from any providers", the same for an unknown profile) do not say what
 * to set; these name the variable or file to fix.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AwsCallError } from '../errors';
import { AWS_HTTP_TIMEOUTS } from './http-timeouts';

export interface SdkEnvironmentProblem {
  readonly what: string;
  /** The variable or file to fix (AWS_REGION, AWS_PROFILE, …); undefined for the network (the caller names the call). */
  readonly where?: string;
  readonly fix: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The shared config and credentials files the SDK reads (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). */
export function sharedConfigFiles(env: Env = process.env): { readonly config: string; readonly credentials: string } {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  return {
    config: env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'),
  };
}

/** Profile names in the two files: `[profile NAME]` or `[default]` in config, `[NAME]` in credentials. */
export function readProfileNames(env: Env = process.env): Set<string> {
  const files = sharedConfigFiles(env);
  const names = new Set<string>();
  const sections = (file: string): string[] => {
    try {
      return [...readFileSync(file, 'utf8').matchAll(/^\s*\[([^\]]+)\]/gm)].map((m) => (m[1] ?? '').trim());
    } catch {
      return []; // a missing file holds no profile
    }
  };
  for (const section of sections(files.config)) {
    const match = /^profile\s+(.+)$/.exec(section);
    if (match?.[1] !== undefined) names.add(match[1].trim());
    else if (section === 'default') names.add('default');
  }
  for (const section of sections(files.credentials)) names.add(section);
  return names;
}

/** AWS_PROFILE names a profile that neither file holds. */
function unknownProfile(env: Env): SdkEnvironmentProblem | undefined {
  const profile = env.AWS_PROFILE;
  if (profile === undefined || profile === '' || readProfileNames(env).has(profile)) return undefined;
  const files = sharedConfigFiles(env);
  return {
    what: `profile "${profile}" is in neither ${files.config} nor ${files.credentials}.`,
    where: 'AWS_PROFILE',
    fix: `set AWS_PROFILE to a profile of ${files.config} (\`aws configure list-profiles\` lists them), or create it with \`aws configure --profile ${profile}\` or \`aws configure sso\`.`,
  };
}

const errorField = (error: unknown, field: 'name' | 'message' | 'code'): string => {
  const value = error !== null && typeof error === 'object' ? (error as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : '';
};

/** What to fix on this machine for an SDK failure, or undefined when AWS itself answered. */
export function explainSdkEnvironmentError(error: unknown, env: Env = process.env): SdkEnvironmentProblem | undefined {
  const name = errorField(error, 'name');
  const message = errorField(error, 'message');
  const code = errorField(error, 'code');
  if (message === 'Region is missing') {
    return (
      unknownProfile(env) ?? {
        what: 'no AWS region is set.',
        where: 'AWS_REGION',
        fix: `set AWS_REGION to the region the stack sets are administered in (e.g. export AWS_REGION=us-east-1), or \`region\` of the profile in ${sharedConfigFiles(env).config}.`,
      }
    );
  }
  if (name === 'CredentialsProviderError') {
    const profile = unknownProfile(env);
    if (profile !== undefined) return profile;
    if (env.AWS_PROFILE !== undefined && env.AWS_PROFILE !== '') {
      return {
        what: `the credentials of profile "${env.AWS_PROFILE}" could not be loaded: ${message}.`,
        where: `AWS_PROFILE (${sharedConfigFiles(env).config})`,
        fix: `renew them (\`aws sso login --profile ${env.AWS_PROFILE}\` for SSO) or check the profile's settings.`,
      };
    }
    const files = sharedConfigFiles(env);
    return {
      what: 'no AWS credentials were found.',
      where: 'credentials',
      fix: `set AWS_PROFILE to a profile in ${files.config} or ${files.credentials} (\`aws configure sso\` or \`aws configure\` creates one), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`,
    };
  }
  const endpoint = env.AWS_ENDPOINT_URL;
  const via = endpoint === undefined ? 'AWS' : `AWS_ENDPOINT_URL (${endpoint})`;
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') {
    const seconds = (ms: number) => `${ms / 1000} s`;
    return {
      what: `${via} did not answer in time (connection ${seconds(AWS_HTTP_TIMEOUTS.connectionTimeout)}, request ${seconds(AWS_HTTP_TIMEOUTS.requestTimeout)}, retried): ${message}`,
      fix: `check the network and any proxy${endpoint === undefined ? '' : ', or unset AWS_ENDPOINT_URL to reach AWS itself'}, then run again.`,
    };
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return {
      what: `${via} cannot be reached (${code}): ${message}`,
      fix: `check the network and any proxy${endpoint === undefined ? '' : ', or correct or unset AWS_ENDPOINT_URL'}, then run again.`,
    };
  }
  return undefined;
}

/** The AwsCallError for a machine-side failure of `operation` (e.g. `cloudformation:ListStackSets`), or undefined. */
export function sdkEnvironmentError(operation: string, error: unknown, env: Env = process.env): AwsCallError | undefined {
  const problem = explainSdkEnvironmentError(error, env);
  return problem === undefined ? undefined : new AwsCallError(problem.what, { where: problem.where ?? operation, fix: problem.fix, cause: error });
}

/** The Node.js major version from which the SDK's releases after early January 2027 are supported. */
const SDK_NODE_MAJOR = 22;

/**
 * On Node.js below 22 the SDK prints a nine-line NodeVersionSupportWarning at its first client. The
 * CLI turns it into one line of its own (README, "Node.js version"): sets the SDK's switch
 * (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED) in `env` and returns the line to print, or
 * undefined on Node.js 22+ or when the user has set the switch either way.
 */
export function replaceNodeVersionWarning(env: Record<string, string | undefined>, nodeVersion: string = process.version): string | undefined {
  if (env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED !== undefined) return undefined;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1] ?? SDK_NODE_MAJOR);
  if (major >= SDK_NODE_MAJOR) return undefined;
  return `note: Node.js ${nodeVersion} runs this checkout's AWS SDK, but SDK releases after early January 2027 need Node.js ${SDK_NODE_MAJOR} or later.`;
}
