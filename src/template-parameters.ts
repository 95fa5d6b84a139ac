/**
 * CloudFormation parameter names and enumerations shared by the templates (which declare them) and
 * the deploy code (which passes values to StackSets). One place, so the two can never disagree.
 */

export const TEMPLATE_PARAMETER = {
  allowedIngress: 'AllowedIngress',
  allowedCidrs: 'AllowedCidrs',
  mode: 'Mode',
  matching: 'Matching',
  exemptTagKey: 'ExemptTagKey',
  scopeTagKey: 'ScopeTagKey',
  scopeTagValue: 'ScopeTagValue',
  evaluationFrequency: 'EvaluationFrequency',
  logRetentionDays: 'LogRetentionDays',
  recordingFrequency: 'RecordingFrequency',
  existingBucketName: 'ExistingBucketName',
  existingBucketKeyPrefix: 'ExistingBucketKeyPrefix',
  createConfigRecorder: 'CreateConfigRecorder',
  configRuleName: 'ConfigRuleName',
} as const;
export type TemplateParameterName = (typeof TEMPLATE_PARAMETER)[keyof typeof TEMPLATE_PARAMETER];

/** Parameters of the aggregator template (its own: no other template declares them). */
export const AGGREGATOR_PARAMETER = {
  name: 'AggregatorName',
  regions: 'AggregatorRegions',
} as const;

/** AWS Config `MaximumExecutionFrequency` wire values for periodic evaluation. */
export const EVALUATION_FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'] as const;
export type EvaluationFrequency = (typeof EVALUATION_FREQUENCIES)[number];

/** AWS Config `RecordingMode.RecordingFrequency` wire values. */
export const RECORDING_FREQUENCIES = ['CONTINUOUS', 'DAILY'] as const;
export type RecordingFrequency = (typeof RECORDING_FREQUENCIES)[number];

/** CloudWatch Logs `RetentionInDays` values. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The templates `npm run build` writes to dist/templates/<name>.{yaml,json}. */
export const TEMPLATE_NAMES = ['baseline', 'rule', 'standalone', 'aggregator'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const DEFAULT_TEMPLATE_VALUES = {
  evaluationFrequency: 'TwentyFour_Hours',
  logRetentionDays: 90,
  recordingFrequency: 'CONTINUOUS',
} as const satisfies {
  evaluationFrequency: EvaluationFrequency;
  logRetentionDays: (typeof LOG_RETENTION_DAYS)[number];
  recordingFrequency: RecordingFrequency;
};
