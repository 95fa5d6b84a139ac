/**
 * The one parser for the Config custom-rule event (aws-facts B4). `invokingEvent` and
 * `ruleParameters` arrive as JSON strings; past this boundary the handler trusts the types.
 * Every defect is an EventError (or a RuleParameterError) naming the field.
 */
import { EventError, RuleParameterError } from '../../src/errors';
import type { RuleParameters } from '../../src/rule-parameters';
import { parseRuleParameters } from '../../src/rule-parameters';

export const SECURITY_GROUP_TYPE = 'AWS::EC2::SecurityGroup';
/** The resultToken convention of AWS's rule development kit: evaluate, but record nothing. */
export const TEST_MODE_TOKEN = 'TESTMODE';

export const MESSAGE_TYPES = [
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
  'ScheduledNotification',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Statuses of a configuration item whose resource is gone (the AWS sample evaluates only OK/ResourceDiscovered). */
const DELETED_STATUSES = ['ResourceDeleted', 'ResourceDeletedNotRecorded'];

export type Trigger =
  | {
      readonly kind: 'resource';
      readonly messageType: Exclude<MessageType, 'ScheduledNotification'>;
      readonly resourceType: string;
      readonly resourceId: string;
      /** configurationItemCaptureTime: the evaluation's OrderingTimestamp. */
      readonly captureTime: Date;
      /** Set when the resource needs no look at EC2: deleted, out of scope, or not a security group. */
      readonly notApplicable?: string;
    }
  | { readonly kind: 'scheduled'; readonly notificationCreationTime: Date };

export interface ConfigRuleEvent {
  /** The evaluating account (`accountId`): the guardrail acts only on groups this account owns. */
  readonly accountId: string;
  readonly resultToken: string;
  /** resultToken is TESTMODE: PutEvaluations gets TestMode true and Config records nothing. */
  readonly testMode: boolean;
  readonly ruleParameters: RuleParameters;
  readonly trigger: Trigger;
}

type Json = Readonly<Record<string, unknown>>;

export function parseConfigEvent(raw: unknown): ConfigRuleEvent {
  const event = object(raw, 'event');
  const resultToken = event.resultToken;
  if (typeof resultToken !== 'string' || resultToken === '') {
    throw fieldError('resultToken', 'is missing or not a string.', { fix: 'invoke the rule through AWS Config, or pass resultToken "TESTMODE" by hand.' });
  }
  const accountId = event.accountId;
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
    throw fieldError('accountId', `must be the 12-digit account id, got ${JSON.stringify(accountId)}.`);
  }
  const leftScope = event.eventLeftScope;
  if (leftScope !== undefined && typeof leftScope !== 'boolean') {
    throw fieldError('eventLeftScope', `must be a boolean, got ${typeof leftScope}.`);
  }
  const invoking = object(jsonString(event.invokingEvent, 'invokingEvent'), 'invokingEvent');
  const trigger = parseTrigger(invoking, leftScope === true);
  return { accountId, resultToken, testMode: resultToken === TEST_MODE_TOKEN, ruleParameters: parseParameters(event.ruleParameters), trigger };
}

function parseTrigger(invoking: Json, leftScope: boolean): Trigger {
  const messageType = invoking.messageType;
  switch (messageType) {
    case 'ScheduledNotification':
      return { kind: 'scheduled', notificationCreationTime: time(invoking.notificationCreationTime, 'invokingEvent.notificationCreationTime') };
    case 'ConfigurationItemChangeNotification':
      return resourceTrigger({ messageType, item: object(invoking.configurationItem, 'invokingEvent.configurationItem'), where: 'invokingEvent.configurationItem', leftScope });
    // Oversized items carry only a summary. The handler reads the group's live rules anyway, so the
    // summary's id and capture time are all it needs: no GetResourceConfigHistory call.
    case 'OversizedConfigurationItemChangeNotification':
      return resourceTrigger({ messageType, item: object(invoking.configurationItemSummary, 'invokingEvent.configurationItemSummary'), where: 'invokingEvent.configurationItemSummary', leftScope });
    default:
      throw fieldError('invokingEvent.messageType', `${JSON.stringify(messageType)} is not a message type this rule handles.`, { fix: `set the rule's source details to ${MESSAGE_TYPES.join(', ')}.` });
  }
}

interface ResourceItem {
  readonly messageType: Exclude<MessageType, 'ScheduledNotification'>;
  /** The configuration item or its summary (oversized notifications). */
  readonly item: Json;
  /** Its path in the event, for messages. */
  readonly where: string;
  readonly leftScope: boolean;
}

function resourceTrigger({ messageType, item, where, leftScope }: ResourceItem): Trigger {
  const resourceType = string(item.resourceType, `${where}.resourceType`);
  const resourceId = string(item.resourceId, `${where}.resourceId`);
  const status = string(item.configurationItemStatus, `${where}.configurationItemStatus`);
  const captureTime = time(item.configurationItemCaptureTime, `${where}.configurationItemCaptureTime`);
  const base = { kind: 'resource', messageType, resourceType, resourceId, captureTime } as const;
  if (leftScope) return { ...base, notApplicable: "resource left the rule's scope" };
  if (DELETED_STATUSES.includes(status)) return { ...base, notApplicable: `resource deleted (${status})` };
  if (resourceType !== SECURITY_GROUP_TYPE) return { ...base, notApplicable: `not a security group (${resourceType})` };
  return base;
}

function parseParameters(value: unknown): RuleParameters {
  // A rule without InputParameters may omit ruleParameters: the parser then names what is missing.
  const text = value === undefined ? '{}' : value;
  if (typeof text !== 'string') {
    throw new RuleParameterError(`must be a JSON string, got ${typeof text}.`, { where: 'ruleParameters', fix: "set the Config rule's InputParameters to a JSON object of strings." });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new RuleParameterError('is not valid JSON.', { where: 'ruleParameters', fix: "set the Config rule's InputParameters to a JSON object of strings.", cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RuleParameterError('must be a JSON object.', { where: 'ruleParameters', fix: 'use e.g. {"allowedIngress":"80,443"}.' });
  }
  return parseRuleParameters(parsed as Json);
}

function jsonString(value: unknown, where: string): unknown {
  if (typeof value !== 'string') throw fieldError(where, `must be a JSON string, got ${value === null ? 'null' : typeof value}.`);
  try {
    return JSON.parse(value) as unknown;
  } catch (cause) {
    throw fieldError(where, 'is not valid JSON.', { cause });
  }
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fieldError(where, `must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`);
  }
  return value as Json;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw fieldError(where, 'is missing or not a string.');
  return value;
}

function time(value: unknown, where: string): Date {
  const text = string(value, where);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw fieldError(where, `"${text}" is not an ISO 8601 time.`);
  return new Date(ms);
}

function fieldError(where: string, what: string, { fix = 'send the event shape AWS Config sends to custom Lambda rules.', cause }: { fix?: string; cause?: unknown } = {}): EventError {
  return new EventError(what, cause === undefined ? { where, fix } : { where, fix, cause });
}
