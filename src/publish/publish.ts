/**
 * `sg-guardrail publish -c FILE --bucket B [--version V] [--deprecate-old]`: publishes the guardrail
 * in Service Catalog for the organization. It uploads the version's template(s) to S3 under
 * `<prefix>/<version>/…`, creates or finds the portfolio and product(s), adds the version as a new
 * provisioning artifact (older ones stay active unless --deprecate-old), sets the launch constraint,
 * shares the portfolio with the config's OUs (principal sharing on) and associates the principal
 * patterns. Everything is read and decided first (publish-plan.ts); a second run of the same version
 * changes nothing.
 */
import { createHash } from 'node:crypto';
import { loadProfileSource } from '../build/profile-source';
import type { ConfigSource } from '../build/profile-source';
import type { DeployConfig } from '../deploy/config/config-types';
import type { OrgTree } from '../deploy/org/org-tree';
import { ConfigError, PublishError } from '../errors';
import type { PublishPorts } from './publish-apply';
import { applyPublishSteps, readPublishState } from './publish-apply';
import type { PublishDesired, PublishProduct } from './publish-plan';
import { planPublish } from './publish-plan';
import type { PublishTemplates } from './publish-templates';
import { resolveShareTargets } from './share-targets';

export interface PublishOptions {
  readonly configFile: string;
  readonly bucket: string;
  /** Default: the tool's version (package.json). */
  readonly version: string | undefined;
  readonly deprecateOld: boolean;
  readonly pollIntervalMs: number;
}

export interface PublishEnv {
  readonly out: (text: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
  renderTemplates(config: DeployConfig, source: ConfigSource): Promise<PublishTemplates>;
  createPorts(config: DeployConfig): PublishPorts & { readonly readOrganization: () => Promise<OrgTree> };
}

/** An S3 bucket name (3-63 of a-z 0-9 . -, alphanumeric at both ends, no `..`). */
const BUCKET = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A version label that is also a safe S3 key segment. */
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

const DESCRIPTION = 'AWS Config custom rule and Lambda that keep EC2 security-group ingress inside the allowed set, reverting drift in enforce mode (sg-guardrail).';

export async function runPublishCommand(options: PublishOptions, env: PublishEnv): Promise<number> {
  if (!BUCKET.test(options.bucket)) {
    throw new ConfigError(`"${options.bucket}" is not an S3 bucket name.`, { where: '--bucket', fix: 'give the name of an existing bucket in this account (3-63 lower-case letters, digits, dots and dashes), e.g. --bucket my-templates.' });
  }
  if (options.version !== undefined && !VERSION.test(options.version)) {
    throw new ConfigError(`"${options.version}" is not a version label.`, { where: '--version', fix: 'use letters, digits and . _ + - (up to 64, starting with a letter or digit), e.g. --version 1.2.0.' });
  }
  const { config, source } = await loadProfileSource(options.configFile);
  const rendered = await env.renderTemplates(config, source);
  const version = options.version ?? rendered.version;
  const ports = env.createPorts(config);
  const shares = config.serviceCatalog.shareOus.length === 0 ? [] : resolveShareTargets(config, await ports.readOrganization());
  const desired: PublishDesired = {
    bucket: options.bucket,
    version,
    portfolioName: config.serviceCatalog.portfolioName,
    providerName: config.serviceCatalog.providerName,
    products: rendered.templates.map((t) => toProduct(config, version, t)),
    shares,
    principals: config.serviceCatalog.principals,
    launchRoleName: config.serviceCatalog.launchRoleName,
    deprecateOld: options.deprecateOld,
  };
  const state = await readPublishState(desired, ports);
  const steps = planPublish(desired, state);
  const region = await ports.catalog.region();
  env.out(`Publishing ${desired.products.map((p) => `"${p.name}"`).join(', ')} version ${version} in Service Catalog${region === undefined ? '' : ` (${region})`}, portfolio "${desired.portfolioName}":\n`);
  if (steps.length === 0) {
    env.out(`Nothing to do: version ${version} is published, shared and launchable as ${config.file} says.\n`);
    return 0;
  }
  const problems = await applyPublishSteps(desired, steps, { ...ports, state, log: (line) => env.out(`${line}\n`), sleep: env.sleep, pollIntervalMs: options.pollIntervalMs });
  if (problems.length > 0) {
    env.out(`\nPublished with problems:\n${problems.map((p) => `  ! ${p}`).join('\n')}\n  → check the OU ids and that Service Catalog's Organizations access is enabled, then run publish again (it only redoes what is missing).\n`);
    return 1;
  }
  env.out(`\nDone: ${steps.length} change(s).\n`);
  return 0;
}

function toProduct(config: DeployConfig, version: string, template: { readonly profile: string | undefined; readonly body: string }): PublishProduct {
  const { productName } = config.serviceCatalog;
  const name = template.profile === undefined ? productName : `${productName}-${template.profile}`;
  if (template.body === '') throw new PublishError(`no template was built for product ${name}.`, { where: 'sg-guardrail publish', fix: 'run `sg-guardrail build -c FILE` to see the build error.' });
  const profile = config.profiles.find((p) => p.name === template.profile);
  return {
    name,
    description: profile === undefined ? DESCRIPTION : `${DESCRIPTION} Profile ${profile.name}: allowedIngress ${profile.values.allowedIngress}, mode ${profile.values.mode}.`,
    key: template.profile === undefined ? `${config.prefix}/${version}/standalone.yaml` : `${config.prefix}/${version}/profiles/${template.profile}/standalone.yaml`,
    body: template.body,
    sha256: createHash('sha256').update(template.body).digest('hex'),
  };
}
