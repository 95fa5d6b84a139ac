/**
 * The deploy config file: the shape as written (checked by schema/deploy-config.schema.json) and the
 * parsed value with every default filled in. test/unit/deploy/config.test.ts keeps the
 * TypeScript shape and the JSON Schema in step.
 */
import type { Matching } from '../../function-settings';
import type { Mode } from '../../rule-parameters';
import type { EvaluationFrequency, LOG_RETENTION_DAYS, RecordingFrequency } from '../../template-parameters';

export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

export const CALL_AS = ['SELF', 'DELEGATED_ADMIN'] as const;
export type CallAs = (typeof CALL_AS)[number];

export const REGION_CONCURRENCY_TYPES = ['PARALLEL', 'SEQUENTIAL'] as const;
export type RegionConcurrencyType = (typeof REGION_CONCURRENCY_TYPES)[number];

export const CONCURRENCY_MODES = ['SOFT_FAILURE_TOLERANCE', 'STRICT_FAILURE_TOLERANCE'] as const;
export type ConcurrencyMode = (typeof CONCURRENCY_MODES)[number];

/** The config file as written, after schema validation. */
export interface DeployConfigFile {
  prefix?: string;
  regions: string[];
  callAs?: CallAs;
  baseline?: BaselineFile;
  profiles: Record<string, ProfileFile>;
  operation?: OperationFile;
  aggregator?: AggregatorFile;
  serviceCatalog?: ServiceCatalogFile;
}

export interface BaselineFile {
  skipOus?: string[];
  recordingFrequency?: RecordingFrequency;
  existingBucketName?: string;
  existingBucketKeyPrefix?: string;
}

export interface ProfileFile {
  ous: string[];
  allowedIngress: string;
  allowedCidrs?: string;
  mode?: Mode;
  matching?: Matching;
  exemptTagKey?: string;
  scopeTagKey?: string;
  scopeTagValue?: string;
  evaluationFrequency?: EvaluationFrequency;
  logRetentionDays?: LogRetentionDays;
}

export interface OperationFile {
  regionConcurrency?: RegionConcurrencyType;
  maxConcurrentPercentage?: number;
  failureTolerancePercentage?: number;
  concurrencyMode?: ConcurrencyMode;
}

export interface AggregatorFile {
  create?: boolean;
  name?: string;
}

export interface ServiceCatalogFile {
  portfolioName?: string;
  providerName?: string;
  productName?: string;
  perProfile?: boolean;
  shareOus?: string[];
  principals?: string[];
  launchRoleName?: string;
}

/** The rule template's values for one profile: exactly what the profile's stack set gets. */
export interface RuleValues {
  readonly allowedIngress: string;
  readonly allowedCidrs: string;
  readonly mode: Mode;
  readonly matching: Matching;
  readonly exemptTagKey: string;
  readonly scopeTagKey: string;
  readonly scopeTagValue: string;
  readonly evaluationFrequency: EvaluationFrequency;
  readonly logRetentionDays: LogRetentionDays;
}

export interface Profile {
  readonly name: string;
  /** OU references as written (ids or paths), resolved against the organization by the planner. */
  readonly ous: readonly string[];
  readonly values: RuleValues;
}

export interface OperationPreferences {
  readonly regionConcurrencyType: RegionConcurrencyType;
  readonly maxConcurrentPercentage: number;
  readonly failureTolerancePercentage: number;
  readonly concurrencyMode: ConcurrencyMode;
}

/** The parsed config: defaults filled in, profiles sorted by name. */
export interface DeployConfig {
  /** The file it came from, for messages. */
  readonly file: string;
  readonly prefix: string;
  readonly regions: readonly string[];
  readonly callAs: CallAs;
  readonly baseline: { readonly skipOus: readonly string[]; readonly recordingFrequency: RecordingFrequency; readonly existingBucketName: string; readonly existingBucketKeyPrefix: string };
  readonly profiles: readonly Profile[];
  readonly operation: OperationPreferences;
  /** The Config organization aggregator `compliance` reads (and the rollout creates when `create`). */
  readonly aggregator: AggregatorSettings;
  /** What `publish` creates in Service Catalog. */
  readonly serviceCatalog: ServiceCatalogSettings;
}

export interface AggregatorSettings {
  readonly create: boolean;
  readonly name: string;
}

export interface ServiceCatalogSettings {
  readonly portfolioName: string;
  readonly providerName: string;
  readonly productName: string;
  readonly perProfile: boolean;
  /** OU references as written (ids or paths); the profiles' OUs when the file gives none. */
  readonly shareOus: readonly string[];
  /** IAM_PATTERN principal ARNs (`arn:aws:iam:::role/Name`). */
  readonly principals: readonly string[];
  /** Empty: no launch constraint. */
  readonly launchRoleName: string;
}

export const DEFAULT_PREFIX = 'sg-guardrail';

/** The aggregator's name when the config gives none. */
export function defaultAggregatorName(prefix: string): string {
  return `${prefix}-organization`;
}

export const DEFAULT_PROVIDER_NAME = 'Cloud platform team';

export const DEFAULT_OPERATION_PREFERENCES: OperationPreferences = {
  // Regions at once and every account of a region at once: the guardrail stacks are independent.
  regionConcurrencyType: 'PARALLEL',
  maxConcurrentPercentage: 100,
  // A few failing accounts (suspended, SCP-denied) must not stop the rollout everywhere else.
  failureTolerancePercentage: 10,
  // STRICT would cap concurrency at failure tolerance + 1; SOFT keeps the full concurrency.
  concurrencyMode: 'SOFT_FAILURE_TOLERANCE',
};
