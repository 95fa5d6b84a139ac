/**
 * The `Rules` section: parameter combinations that are each valid alone but wrong together, refused
 * before CloudFormation creates anything (also shown by Service Catalog at launch).
 */
import { Fn } from 'cloudform';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';

const isEmpty = (parameter: string) => Fn.Equals(Fn.Ref(parameter), '');

export function buildScopeRules(): TemplateFragment {
  return {
    Rules: {
      ScopeTagValueNeedsKey: {
        RuleCondition: Fn.Not(isEmpty(TEMPLATE_PARAMETER.scopeTagValue)),
        Assertions: [
          {
            Assert: Fn.Not(isEmpty(TEMPLATE_PARAMETER.scopeTagKey)),
            AssertDescription: 'ScopeTagValue needs ScopeTagKey: set ScopeTagKey, or clear ScopeTagValue.',
          },
        ],
      },
    },
  };
}

export function buildRecorderRules(): TemplateFragment {
  return {
    Rules: {
      ExistingBucketNeedsRecorder: {
        RuleCondition: Fn.Equals(Fn.Ref(TEMPLATE_PARAMETER.createConfigRecorder), 'false'),
        Assertions: [
          {
            Assert: isEmpty(TEMPLATE_PARAMETER.existingBucketName),
            AssertDescription:
              'ExistingBucketName is used only by a recorder this stack creates: set CreateConfigRecorder to true, or clear ExistingBucketName.',
          },
        ],
      },
    },
  };
}
