/**
 * The project's error hierarchy. Every error says what went wrong, where (a field, a file path,
 * an AWS operation) and how to fix it, and keeps the underlying `cause`.
 */

export interface ErrorDetails {
  /** Where the problem is: a parameter name, `file:path.in.file`, an AWS operation. */
  readonly where?: string;
  /** What the user should do about it. */
  readonly fix?: string;
  readonly cause?: unknown;
}

/**
 * Each class names itself with a literal rather than `new.target.name`: the Lambda bundle is
 * minified, which renames classes, and these names are what logs and Lambda's error type show.
 */
export class GuardrailError extends Error {
  override name = 'GuardrailError';
  readonly where: string | undefined;
  readonly fix: string | undefined;

  constructor(what: string, details: ErrorDetails = {}) {
    super(formatMessage(what, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.where = details.where;
    this.fix = details.fix;
  }
}

/** A rule parameter (template parameter, Config `ruleParameters`, or a profile field) is invalid. */
export class RuleParameterError extends GuardrailError {
  override name = 'RuleParameterError';
}

/** The deploy config file is invalid. */
export class ConfigError extends GuardrailError {
  override name = 'ConfigError';
}

/** A Lambda event does not have the shape AWS Config sends. */
export class EventError extends GuardrailError {
  override name = 'EventError';
}

/** An AWS call failed in a way the caller cannot recover from by retrying. */
export class AwsCallError extends GuardrailError {
  override name = 'AwsCallError';
}

/** Building the bundle or the templates failed. */
export class BuildError extends GuardrailError {
  override name = 'BuildError';
}

/** The compliance view cannot answer: the aggregator is missing or has nothing for the rules yet. */
export class ComplianceError extends GuardrailError {
  override name = 'ComplianceError';
}

/** Service Catalog or the bucket are not in a state publish can work with; nothing was changed. */
export class PublishError extends GuardrailError {
  override name = 'PublishError';
}

/** The command line is wrong: an unknown command or option, a stray argument, an option without its value. */
export class UsageError extends GuardrailError {
  override name = 'UsageError';
}

/** The organization or the StackSets are not in a state the plan can work with. */
export class PlanError extends GuardrailError {
  override name = 'PlanError';
}

function formatMessage(what: string, { where, fix }: ErrorDetails): string {
  const at = where === undefined ? '' : `${where}: `;
  const hint = fix === undefined ? '' : ` Fix: ${fix}`;
  return `${at}${what}${hint}`;
}
