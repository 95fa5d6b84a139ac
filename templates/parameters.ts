/**
 * Template parameters: one definition per name in TEMPLATE_PARAMETER, each with a description, an
 * AllowedPattern or AllowedValues, and a ConstraintDescription that says what to type. Defaults are
 * the built-in default (the lab: tcp 80 and 443 from anywhere, enforced).
 *
 * The patterns are deliberately looser than the grammar in src/rule-parameters.ts (the handler
 * parses the values again and reports a precise error) but never reject a value the parser accepts,
 * and neither accepts a blank list: AWS Config refuses a blank input parameter ("Blank spaces are
 * not acceptable for input parameter"), so the grammar spells the empty list `none`. Tests hold them
 * to that, in Java's regex semantics (CloudFormation's engine). They also exclude `"` and `\`.
 */
import { DEFAULT_MATCHING, MATCHINGS } from '../src/function-settings';
import { NumberParameter, StringParameter } from './cloudform';
import { DEFAULT_RULE_PARAMETERS, MODES } from '../src/rule-parameters';
import type { TemplateParameterName } from '../src/template-parameters';
import type { Parameter } from './compose';
import {
  DEFAULT_TEMPLATE_VALUES,
  EVALUATION_FREQUENCIES,
  LOG_RETENTION_DAYS,
  RECORDING_FREQUENCIES,
  TEMPLATE_PARAMETER,
} from '../src/template-parameters';

/**
 * The whitespace JavaScript's trim() removes (the parser trims each entry), in a class that means
 * the same in Java, where `\s` alone is ASCII-only: `\s` plus Unicode separators plus U+FEFF.
 */
const SPACE = String.raw`[\s\p{Z}\uFEFF]`;
const INGRESS_ENTRY = String.raw`${SPACE}*(?:(?:[A-Za-z0-9]+:)?[0-9*/-]+|[Aa][Ll][Ll])(?:@[0-9A-Za-z:./-]+)?${SPACE}*`;
const CIDR_ENTRY = String.raw`${SPACE}*[0-9A-Fa-f:.]+/[0-9]{1,3}${SPACE}*`;
const TAG_CHARACTER = String.raw`[\p{L}\p{Z}\p{N}_.:/=+\-@]`;

/** `none` alone (the empty list), case-insensitive as the parser reads it. */
const NONE_ENTRY = String.raw`${SPACE}*[Nn][Oo][Nn][Ee]${SPACE}*`;
/** Comma-separated `PROTO:PORTS[@SOURCE]` entries, or `none` (not blank: an InputParameters value). */
export const ALLOWED_INGRESS_PATTERN = String.raw`^${NONE_ENTRY}$|^${INGRESS_ENTRY}(?:,${INGRESS_ENTRY})*$`;
/** Comma-separated IPv4/IPv6 CIDRs, or `none` (not blank: an InputParameters value). */
export const ALLOWED_CIDRS_PATTERN = String.raw`^${NONE_ENTRY}$|^${CIDR_ENTRY}(?:,${CIDR_ENTRY})*$`;
/** An AWS tag key that is not reserved (`aws:`); the same rule as parseExemptTagKey. */
export const EXEMPT_TAG_KEY_PATTERN = `^(?!aws:)${TAG_CHARACTER}{1,128}$`;
export const SCOPE_TAG_KEY_PATTERN = `^${TAG_CHARACTER}{0,128}$`;
export const SCOPE_TAG_VALUE_PATTERN = `^${TAG_CHARACTER}{0,256}$`;
/** Empty, or an S3 bucket name: 3-63 of a-z 0-9 . -, starting and ending alphanumeric, no `..`, `.-`, `-.`. */
export const BUCKET_NAME_PATTERN = String.raw`^$|^(?!.*\.\.)(?!.*\.-)(?!.*-\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`;
/** Empty, or S3 key segments of safe characters joined by single slashes (no leading or trailing one). */
export const KEY_PREFIX_PATTERN = String.raw`^$|^[A-Za-z0-9!_.*'()-]+(?:/[A-Za-z0-9!_.*'()-]+)*$`;

/**
 * Empty (CloudFormation generates a unique name), or a fixed AWS Config rule name. Config takes 1-128
 * characters; this keeps to letters, digits, dashes and underscores, starting alphanumeric, which is
 * what the rollout's `<prefix>-<profile>` names use (src/deploy/plan/stack-set-names.ts).
 */
export const CONFIG_RULE_NAME_PATTERN = '^$|^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$';

/** The values of CreateConfigRecorder (CloudFormation parameters are strings). */
export const CREATE_RECORDER = { yes: 'true', no: 'false' } as const;

/**
 * Config limits InputParameters to 1,024 characters; these lengths keep the four rule parameters
 * and their JSON keys and quotes inside it (1,002 at worst; a test checks it). The scope and the
 * matching reach the function through its Environment instead (src/function-settings.ts).
 */
export const MAX_LENGTH = { allowedIngress: 600, allowedCidrs: 200, tagKey: 128 } as const;

const TAG_CONSTRAINT = 'letters, digits, spaces and _ . : / = + - @';

const PARAMETERS: Readonly<Record<TemplateParameterName, Parameter>> = {
  [TEMPLATE_PARAMETER.allowedIngress]: new StringParameter({
    Description:
      'Allowed ingress rules: comma-separated PROTO:PORTS[@SOURCE] entries, e.g. "80,443" or "tcp:443,udp:53@10.0.0.0/8", or none to allow no ingress at all. Entries without @SOURCE apply to every CIDR in AllowedCidrs.',
    Default: DEFAULT_RULE_PARAMETERS.allowedIngress,
    AllowedPattern: ALLOWED_INGRESS_PATTERN,
    MaxLength: MAX_LENGTH.allowedIngress,
    ConstraintDescription:
      'type one or more comma-separated entries such as 443, tcp:8000-8100, udp:53@10.0.0.0/8, icmp:8, all@sg-0123456789abcdef0, or none to allow no ingress at all (not blank; no quotes or backslashes; at most 600 characters).',
  }),
  [TEMPLATE_PARAMETER.allowedCidrs]: new StringParameter({
    Description:
      'Sources for AllowedIngress entries without @SOURCE: comma-separated canonical IPv4/IPv6 CIDRs, or none when every entry has its @SOURCE.',
    Default: DEFAULT_RULE_PARAMETERS.allowedCidrs,
    AllowedPattern: ALLOWED_CIDRS_PATTERN,
    MaxLength: MAX_LENGTH.allowedCidrs,
    ConstraintDescription:
      'type one or more comma-separated CIDRs such as 0.0.0.0/0,::/0 or 10.0.0.0/8, or none when every entry names its @SOURCE (not blank; at most 200 characters).',
  }),
  [TEMPLATE_PARAMETER.mode]: new StringParameter({
    Description: 'enforce reverts drift (see Matching); report only reports it and changes nothing.',
    Default: DEFAULT_RULE_PARAMETERS.mode,
    AllowedValues: [...MODES],
    ConstraintDescription: 'choose enforce or report.',
  }),
  [TEMPLATE_PARAMETER.matching]: new StringParameter({
    Description:
      'exact: a group must hold exactly the allowed rules (enforce adds missing ones, revokes others); ceiling: no rule outside them (enforce revokes, never adds).',
    Default: DEFAULT_MATCHING,
    AllowedValues: [...MATCHINGS],
    ConstraintDescription: 'choose exact or ceiling.',
  }),
  [TEMPLATE_PARAMETER.exemptTagKey]: new StringParameter({
    Description:
      'Security groups with this tag are NOT_APPLICABLE; an ISO date as tag value (2026-12-31) exempts through that day (UTC).',
    Default: DEFAULT_RULE_PARAMETERS.exemptTagKey,
    AllowedPattern: EXEMPT_TAG_KEY_PATTERN,
    MaxLength: MAX_LENGTH.tagKey,
    ConstraintDescription: `type a tag key: 1-128 ${TAG_CONSTRAINT}, not starting with aws:.`,
  }),
  [TEMPLATE_PARAMETER.scopeTagKey]: new StringParameter({
    Description: 'Optional: evaluate only resources with this tag key. Empty evaluates every security group.',
    Default: '',
    AllowedPattern: SCOPE_TAG_KEY_PATTERN,
    ConstraintDescription: `type a tag key (up to 128 ${TAG_CONSTRAINT}) or leave empty.`,
  }),
  [TEMPLATE_PARAMETER.scopeTagValue]: new StringParameter({
    Description: 'Optional: with ScopeTagKey, evaluate only resources whose tag has this value.',
    Default: '',
    AllowedPattern: SCOPE_TAG_VALUE_PATTERN,
    ConstraintDescription: `type a tag value (up to 256 ${TAG_CONSTRAINT}) or leave empty.`,
  }),
  [TEMPLATE_PARAMETER.evaluationFrequency]: new StringParameter({
    Description: 'How often every security group is evaluated in addition to on each change.',
    Default: DEFAULT_TEMPLATE_VALUES.evaluationFrequency,
    AllowedValues: [...EVALUATION_FREQUENCIES],
    ConstraintDescription: `choose one of ${EVALUATION_FREQUENCIES.join(', ')}.`,
  }),
  [TEMPLATE_PARAMETER.logRetentionDays]: new NumberParameter({
    Description: "Days to keep the guardrail function's logs.",
    Default: DEFAULT_TEMPLATE_VALUES.logRetentionDays,
    AllowedValues: [...LOG_RETENTION_DAYS],
    ConstraintDescription: `choose one of ${LOG_RETENTION_DAYS.join(', ')}.`,
  }),
  [TEMPLATE_PARAMETER.recordingFrequency]: new StringParameter({
    Description: 'CONTINUOUS records every security-group change; DAILY records at most once a day (cheaper, slower).',
    Default: DEFAULT_TEMPLATE_VALUES.recordingFrequency,
    AllowedValues: [...RECORDING_FREQUENCIES],
    ConstraintDescription: 'choose CONTINUOUS or DAILY.',
  }),
  [TEMPLATE_PARAMETER.existingBucketName]: new StringParameter({
    Description:
      'Optional: deliver AWS Config history to this existing (central) bucket instead of creating one. Its policy must let config.amazonaws.com write AWSLogs/<account>/Config/.',
    Default: '',
    AllowedPattern: BUCKET_NAME_PATTERN,
    ConstraintDescription: 'type an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens) or leave empty.',
  }),
  [TEMPLATE_PARAMETER.existingBucketKeyPrefix]: new StringParameter({
    Description:
      'Optional, with ExistingBucketName: the key prefix Config delivers under in that bucket (a central bucket often has one, e.g. the organization ID), without a trailing slash.',
    Default: '',
    AllowedPattern: KEY_PREFIX_PATTERN,
    MaxLength: 200,
    ConstraintDescription:
      "type a prefix such as o-a1b2c3d4e5 or config/prod (letters, digits, ! _ . * ' ( ) - and single slashes between them; at most 200 characters) or leave empty.",
  }),
  [TEMPLATE_PARAMETER.configRuleName]: new StringParameter({
    Description:
      'Optional: a fixed name for the AWS Config rule, so one organization aggregator query finds it in every account (the rollout sets <prefix>-<profile>). Empty lets CloudFormation generate one. Changing it replaces the rule.',
    Default: '',
    AllowedPattern: CONFIG_RULE_NAME_PATTERN,
    ConstraintDescription: 'type 1-128 letters, digits, dashes and underscores starting with a letter or digit, or leave empty.',
  }),
  [TEMPLATE_PARAMETER.createConfigRecorder]: new StringParameter({
    Description:
      'true creates the AWS Config recorder, delivery channel and bucket; false reuses the one already in the account and region (e.g. Control Tower).',
    Default: CREATE_RECORDER.yes,
    AllowedValues: [CREATE_RECORDER.yes, CREATE_RECORDER.no],
    ConstraintDescription: 'choose true or false.',
  }),
};

/** The definitions of the given parameters, in the given order. */
export function buildParameters(names: readonly TemplateParameterName[]): Record<string, Parameter> {
  return Object.fromEntries(names.map((name) => [name, PARAMETERS[name]]));
}

export const RULE_TEMPLATE_PARAMETERS = [
  TEMPLATE_PARAMETER.allowedIngress,
  TEMPLATE_PARAMETER.allowedCidrs,
  TEMPLATE_PARAMETER.mode,
  TEMPLATE_PARAMETER.matching,
  TEMPLATE_PARAMETER.exemptTagKey,
  TEMPLATE_PARAMETER.scopeTagKey,
  TEMPLATE_PARAMETER.scopeTagValue,
  TEMPLATE_PARAMETER.evaluationFrequency,
  TEMPLATE_PARAMETER.logRetentionDays,
  TEMPLATE_PARAMETER.configRuleName,
] as const satisfies readonly TemplateParameterName[];

export const BASELINE_TEMPLATE_PARAMETERS = [
  TEMPLATE_PARAMETER.recordingFrequency,
  TEMPLATE_PARAMETER.existingBucketName,
  TEMPLATE_PARAMETER.existingBucketKeyPrefix,
] as const satisfies readonly TemplateParameterName[];

export const STANDALONE_TEMPLATE_PARAMETERS = [
  ...RULE_TEMPLATE_PARAMETERS,
  TEMPLATE_PARAMETER.createConfigRecorder,
  ...BASELINE_TEMPLATE_PARAMETERS,
] as const satisfies readonly TemplateParameterName[];
