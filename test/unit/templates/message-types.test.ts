/**
 * The rule's source details and the handler's event parser list message types separately
 * (templates/ does not import handler/): a type one side adds and the other lacks would either
 * never trigger the function or make every such invocation fail.
 */
import { MESSAGE_TYPES } from '../../../handler/core/event';
import { plainTemplate } from './fixtures';
import type { JsonObject } from './template-lint';

it.each(['rule', 'standalone'] as const)('the %s template triggers the function with exactly the message types the handler parses', (name) => {
  const rule = Object.values(plainTemplate(name).Resources as Record<string, JsonObject>).find((r) => r.Type === 'AWS::Config::ConfigRule');
  const details = ((rule?.Properties as JsonObject | undefined)?.Source as { SourceDetails?: { MessageType: string }[] } | undefined)?.SourceDetails ?? [];
  expect(details.map((d) => d.MessageType).sort()).toEqual([...MESSAGE_TYPES].sort());
});
