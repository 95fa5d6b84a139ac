/**
 * Config custom-rule events shaped like AWS's sample events
 * (docs: evaluate-config_develop-rules_example-events), for unit and end-to-end tests.
 */
export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';
export const RULE_NAME = 'sg-guardrail';

export interface EventOptions {
  /** Config's InputParameters; default `{"allowedIngress":"80,443"}`. */
  readonly ruleParameters?: Readonly<Record<string, string>>;
  readonly resultToken?: string;
  readonly eventLeftScope?: boolean;
}

function envelope(invokingEvent: unknown, options: EventOptions): Record<string, unknown> {
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invokingEvent),
    ruleParameters: JSON.stringify(options.ruleParameters ?? { allowedIngress: '80,443' }),
    resultToken: options.resultToken ?? 'eyJyZXN1bHRUb2tlbiI6InRlc3QifQ==',
    eventLeftScope: options.eventLeftScope ?? false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/service-role/config-role`,
    configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT_ID}:config-rule/config-rule-abc123`,
    configRuleName: RULE_NAME,
    configRuleId: 'config-rule-abc123',
    accountId: ACCOUNT_ID,
  };
}

/** The CI `configuration` of a security group (aws-facts B8: camelCase, ipRanges and ipv4Ranges). */
function groupConfiguration(groupId: string): Record<string, unknown> {
  return {
    description: 'default VPC security group',
    groupName: 'default',
    ipPermissions: [
      { ipProtocol: '-1', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [{ groupId, userId: ACCOUNT_ID }], ipv4Ranges: [], ipRanges: [] },
    ],
    ownerId: ACCOUNT_ID,
    groupId,
    ipPermissionsEgress: [
      { ipProtocol: '-1', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] },
    ],
    vpcId: 'vpc-0123456789abcdef0',
    tags: [],
  };
}

export interface ChangeOptions extends EventOptions {
  readonly captureTime?: string;
  readonly status?: 'OK' | 'ResourceDiscovered' | 'ResourceDeleted' | 'ResourceDeletedNotRecorded' | 'ResourceNotRecorded';
  readonly resourceType?: string;
}

function itemSummary(groupId: string, options: ChangeOptions): Record<string, unknown> {
  const deleted = options.status === 'ResourceDeleted' || options.status === 'ResourceDeletedNotRecorded';
  return {
    configurationItemCaptureTime: options.captureTime ?? '2026-11-27T09:00:00.000Z',
    configurationItemStatus: options.status ?? 'OK',
    configurationStateId: '1700000000000',
    configurationItemVersion: '1.3',
    awsAccountId: ACCOUNT_ID,
    resourceType: options.resourceType ?? 'AWS::EC2::SecurityGroup',
    resourceId: groupId,
    resourceName: deleted ? null : 'default',
    ARN: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:security-group/${groupId}`,
    awsRegion: REGION,
    availabilityZone: 'Not Applicable',
    resourceCreationTime: '2026-01-01T00:00:00.000Z',
  };
}

/** ConfigurationItemChangeNotification for one security group. */
export function changeEvent(groupId: string, options: ChangeOptions = {}): Record<string, unknown> {
  const deleted = options.status === 'ResourceDeleted' || options.status === 'ResourceDeletedNotRecorded';
  return envelope(
    {
      configurationItemDiff: null,
      configurationItem: {
        relatedEvents: [],
        relationships: [],
        configuration: deleted ? null : groupConfiguration(groupId),
        supplementaryConfiguration: {},
        tags: {},
        configurationItemMD5Hash: '',
        ...itemSummary(groupId, options),
      },
      notificationCreationTime: '2026-11-27T09:00:05.000Z',
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    },
    options,
  );
}

/** OversizedConfigurationItemChangeNotification: only a summary of the item. */
export function oversizedEvent(groupId: string, options: ChangeOptions = {}): Record<string, unknown> {
  return envelope(
    {
      configurationItemSummary: { changeType: 'UPDATE', configurationStateMd5Hash: '', ...itemSummary(groupId, options) },
      s3DeliverySummary: { s3BucketLocation: 'config-bucket/AWSLogs/oversized.json.gz', errorCode: null, errorMessage: null },
      notificationCreationTime: '2026-11-27T09:00:05.000Z',
      messageType: 'OversizedConfigurationItemChangeNotification',
      recordVersion: '1.0',
    },
    options,
  );
}

/** ScheduledNotification: no resource, a sweep of every group. */
export function scheduledEvent(options: EventOptions & { readonly notificationCreationTime?: string } = {}): Record<string, unknown> {
  return envelope(
    {
      awsAccountId: ACCOUNT_ID,
      notificationCreationTime: options.notificationCreationTime ?? '2026-11-27T10:00:00.000Z',
      messageType: 'ScheduledNotification',
      recordVersion: '1.0',
    },
    options,
  );
}

/** A change notification for a deleted group (the CI's configuration is null). */
export function deletedEvent(groupId: string, options: EventOptions = {}): Record<string, unknown> {
  return changeEvent(groupId, { ...options, status: 'ResourceDeleted' });
}

/** A change notification for a group that left the rule's scope. */
export function leftScopeEvent(groupId: string, options: EventOptions = {}): Record<string, unknown> {
  return changeEvent(groupId, { ...options, eventLeftScope: true });
}
