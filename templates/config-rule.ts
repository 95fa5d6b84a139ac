/**
 * The custom AWS Config rule: triggered by every configuration change of a security group (oversized
 * items included) and periodically, scoped optionally by tag, with the handler's rule parameters
 * taken from template parameters.
 */
import { Config, Fn, Refs } from './cloudform';
import type { RuleParameterName } from '../src/rule-parameters';
import { RULE_PARAMETER } from '../src/rule-parameters';
import type { TemplateParameterName } from '../src/template-parameters';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { RECORDED_RESOURCE_TYPE } from './config-recorder';
import { conditionalDependencies, ifCondition, onlyIf } from './intrinsics';
import type { ConditionName } from './logical-ids';
import { CONDITION, LOGICAL_ID } from './logical-ids';

/** Which template parameter feeds each rule parameter; typed exhaustively over RULE_PARAMETER. */
export const RULE_PARAMETER_SOURCES: Readonly<Record<RuleParameterName, TemplateParameterName>> = {
  [RULE_PARAMETER.allowedIngress]: TEMPLATE_PARAMETER.allowedIngress,
  [RULE_PARAMETER.allowedCidrs]: TEMPLATE_PARAMETER.allowedCidrs,
  [RULE_PARAMETER.mode]: TEMPLATE_PARAMETER.mode,
  [RULE_PARAMETER.exemptTagKey]: TEMPLATE_PARAMETER.exemptTagKey,
};

/** The only event source of Config rule triggers. */
const CONFIG_EVENT_SOURCE = 'aws.config';

export const RULE_MESSAGE_TYPES = [
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
] as const;

export interface ConfigRuleProps {
  /**
   * Standalone: the recorder and channel exist only under this condition, so the rule depends on
   * them through conditional references instead of DependsOn (which cannot name a resource a
   * condition removed).
   */
  readonly recorderCondition?: ConditionName;
}

export function buildConfigRule(props: ConfigRuleProps = {}): TemplateFragment {
  const rule = new Config.ConfigRule({
    // Empty: CloudFormation names it. The rollout gives every account the same name per profile,
    // which is what an aggregator query by rule name needs (ConfigRuleName: change = replacement).
    ConfigRuleName: onlyIf(CONDITION.hasConfigRuleName, Fn.Ref(TEMPLATE_PARAMETER.configRuleName)),
    Description: 'sg-guardrail: security-group ingress stays inside the allowed set',
    Source: {
      Owner: 'CUSTOM_LAMBDA',
      SourceIdentifier: Fn.GetAtt(LOGICAL_ID.function, 'Arn'),
      SourceDetails: [
        ...RULE_MESSAGE_TYPES.map((MessageType) => ({ EventSource: CONFIG_EVENT_SOURCE, MessageType })),
        {
          EventSource: CONFIG_EVENT_SOURCE,
          MessageType: 'ScheduledNotification',
          MaximumExecutionFrequency: Fn.Ref(TEMPLATE_PARAMETER.evaluationFrequency),
        },
      ],
    },
    // A scope is resource types *or* a tag key/value: PutConfigRule refuses both ("Scope cannot be
    // applied to both resource and tag"). With a scope tag the recorder's resource types (only
    // security groups when this project creates it) narrow it; the handler reports any other
    // type NOT_APPLICABLE.
    Scope: {
      ComplianceResourceTypes: ifCondition(CONDITION.hasScopeTagKey, Refs.NoValue, [RECORDED_RESOURCE_TYPE]),
      TagKey: onlyIf(CONDITION.hasScopeTagKey, Fn.Ref(TEMPLATE_PARAMETER.scopeTagKey)),
      TagValue: onlyIf(CONDITION.hasScopeTagValue, Fn.Ref(TEMPLATE_PARAMETER.scopeTagValue)),
    },
    // As a JSON object CloudFormation serializes the values itself, so no value can break the
    // JSON; Config hands it to the function as the `ruleParameters` string. Its 1,024 characters
    // hold these four; the scope and the matching go to the function's Environment
    // (lambda-function.ts), since a scheduled notification carries no scope.
    InputParameters: Object.fromEntries(
      Object.entries(RULE_PARAMETER_SOURCES).map(([key, parameter]) => [key, Fn.Ref(parameter)]),
    ),
  }).dependsOn([LOGICAL_ID.invokePermission, LOGICAL_ID.functionLogsPolicy]);
  if (props.recorderCondition !== undefined) {
    rule.metadata(
      conditionalDependencies(props.recorderCondition, [LOGICAL_ID.configRecorder, LOGICAL_ID.deliveryChannel]),
    );
  }
  return { Resources: { [LOGICAL_ID.configRule]: rule } };
}
