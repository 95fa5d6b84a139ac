import { EventError, RuleParameterError } from '../../../../src/errors';
import { formatRule } from '../../../../src/ingress-rule';
import { parseConfigEvent } from '../../../../handler/core/event';
import { changeEvent, deletedEvent, leftScopeEvent, oversizedEvent, scheduledEvent } from '../../../e2e/events';

const GROUP = 'sg-0123456789abcdef0';

describe('parseConfigEvent', () => {
  it('parses a change notification', () => {
    const event = parseConfigEvent(changeEvent(GROUP, { captureTime: '2026-11-27T09:00:00.000Z' }));
    expect(event.trigger).toEqual({
      kind: 'resource',
      messageType: 'ConfigurationItemChangeNotification',
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: GROUP,
      captureTime: new Date('2026-11-27T09:00:00.000Z'),
    });
    expect(event.testMode).toBe(false);
    expect(event.accountId).toBe('123456789012');
    expect(event.ruleParameters.mode).toBe('enforce');
    expect(event.ruleParameters.allowedIngress.map(formatRule)).toEqual(['tcp:443@0.0.0.0/0', 'tcp:443@::/0', 'tcp:80@0.0.0.0/0', 'tcp:80@::/0']);
  });

  it('parses an oversized notification from its summary alone', () => {
    expect(parseConfigEvent(oversizedEvent(GROUP)).trigger).toEqual({
      kind: 'resource',
      messageType: 'OversizedConfigurationItemChangeNotification',
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: GROUP,
      captureTime: new Date('2026-11-27T09:00:00.000Z'),
    });
  });

  it('parses a scheduled notification', () => {
    expect(parseConfigEvent(scheduledEvent({ notificationCreationTime: '2026-11-27T10:00:00.000Z' })).trigger).toEqual({
      kind: 'scheduled',
      notificationCreationTime: new Date('2026-11-27T10:00:00.000Z'),
    });
  });

  it.each([
    ['deleted', deletedEvent(GROUP), 'resource deleted (ResourceDeleted)'],
    ['deleted, not recorded', changeEvent(GROUP, { status: 'ResourceDeletedNotRecorded' }), 'resource deleted (ResourceDeletedNotRecorded)'],
    ['oversized and deleted', oversizedEvent(GROUP, { status: 'ResourceDeleted' }), 'resource deleted (ResourceDeleted)'],
    ['left scope', leftScopeEvent(GROUP), "resource left the rule's scope"],
    ['not a security group', changeEvent('i-0123', { resourceType: 'AWS::EC2::Instance' }), 'not a security group (AWS::EC2::Instance)'],
  ])('%s: not applicable without a look at EC2', (_name, raw, reason) => {
    const trigger = parseConfigEvent(raw).trigger;
    expect(trigger).toMatchObject({ kind: 'resource', notApplicable: reason });
  });

  it('TESTMODE result token sets testMode', () => {
    expect(parseConfigEvent(scheduledEvent({ resultToken: 'TESTMODE' })).testMode).toBe(true);
  });

  const withInvoking = (invoking: unknown): Record<string, unknown> => ({ ...changeEvent(GROUP), invokingEvent: JSON.stringify(invoking) });
  const item = JSON.parse(changeEvent(GROUP).invokingEvent as string).configurationItem;

  it.each<[string, unknown, string]>([
    ['not an object', 'hello', 'event'],
    ['null', null, 'event'],
    ['no result token', { ...changeEvent(GROUP), resultToken: undefined }, 'resultToken'],
    ['no account id', { ...changeEvent(GROUP), accountId: undefined }, 'accountId'],
    ['an account id that is not 12 digits', { ...scheduledEvent(), accountId: '1234' }, 'accountId'],
    ['eventLeftScope a string', { ...changeEvent(GROUP), eventLeftScope: 'false' }, 'eventLeftScope'],
    ['invokingEvent an object', { ...changeEvent(GROUP), invokingEvent: {} }, 'invokingEvent'],
    ['invokingEvent bad JSON', { ...changeEvent(GROUP), invokingEvent: '{' }, 'invokingEvent'],
    ['unknown message type', withInvoking({ messageType: 'ConfigurationSnapshotDeliveryCompleted' }), 'invokingEvent.messageType'],
    ['no configuration item', withInvoking({ messageType: 'ConfigurationItemChangeNotification' }), 'invokingEvent.configurationItem'],
    ['no resource id', withInvoking({ messageType: 'ConfigurationItemChangeNotification', configurationItem: { ...item, resourceId: undefined } }), 'invokingEvent.configurationItem.resourceId'],
    ['bad capture time', withInvoking({ messageType: 'ConfigurationItemChangeNotification', configurationItem: { ...item, configurationItemCaptureTime: 'yesterday' } }), 'invokingEvent.configurationItem.configurationItemCaptureTime'],
    ['no status', withInvoking({ messageType: 'ConfigurationItemChangeNotification', configurationItem: { ...item, configurationItemStatus: 1 } }), 'invokingEvent.configurationItem.configurationItemStatus'],
    ['no summary', withInvoking({ messageType: 'OversizedConfigurationItemChangeNotification' }), 'invokingEvent.configurationItemSummary'],
    ['scheduled without time', withInvoking({ messageType: 'ScheduledNotification' }), 'invokingEvent.notificationCreationTime'],
  ])('%s: EventError at %s', (_name, raw, where) => {
    expect(() => parseConfigEvent(raw)).toThrow(EventError);
    expect(() => parseConfigEvent(raw)).toThrow(expect.objectContaining({ where }));
  });

  it.each<[string, unknown, string]>([
    ['ruleParameters not a string', { ...changeEvent(GROUP), ruleParameters: { allowedIngress: '80' } }, 'ruleParameters'],
    ['ruleParameters bad JSON', { ...changeEvent(GROUP), ruleParameters: '{allowedIngress' }, 'ruleParameters'],
    ['ruleParameters an array', { ...changeEvent(GROUP), ruleParameters: '[]' }, 'ruleParameters'],
    ['ruleParameters absent', { ...changeEvent(GROUP), ruleParameters: undefined }, 'allowedIngress'],
    ['bad entry', changeEvent(GROUP, { ruleParameters: { allowedIngress: '80,,443' } }), 'allowedIngress[1]'],
    ['bad mode', changeEvent(GROUP, { ruleParameters: { allowedIngress: '80', mode: 'fix' } }), 'mode'],
  ])('%s: RuleParameterError at %s', (_name, raw, where) => {
    expect(() => parseConfigEvent(raw)).toThrow(RuleParameterError);
    expect(() => parseConfigEvent(raw)).toThrow(expect.objectContaining({ where }));
  });
});
