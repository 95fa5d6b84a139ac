/**
 * The `Rules` section: parameter combinations that are each valid alone but wrong together, refused
 * before CloudFormation creates anything (also shown by Service Catalog at launch).
 */
import { Fn } from './cloudform';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { isEmptyParameter, isSetParameter } from './intrinsics';
import { CREATE_RECORDER } from './parameters';

export function buildScopeRules(): TemplateFragment {
  return {
    Rules: {
      ScopeTagValueNeedsKey: {
        RuleCondition: isSetParameter(TEMPLATE_PARAMETER.scopeTagValue),
        Assertions: [
          {
            Assert: isSetParameter(TEMPLATE_PARAMETER.scopeTagKey),
            AssertDescription: 'ScopeTagValue needs ScopeTagKey: set ScopeTagKey, or clear ScopeTagValue.',
          },
        ],
      },
    },
  };
}

export function buildBucketRules(): TemplateFragment {
  return {
    Rules: {
      KeyPrefixNeedsExistingBucket: {
        RuleCondition: isSetParameter(TEMPLATE_PARAMETER.existingBucketKeyPrefix),
        Assertions: [
          {
            Assert: isSetParameter(TEMPLATE_PARAMETER.existingBucketName),
            AssertDescription:
              'ExistingBucketKeyPrefix is a prefix in the existing bucket: set ExistingBucketName, or clear ExistingBucketKeyPrefix.',
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
        RuleCondition: Fn.Equals(Fn.Ref(TEMPLATE_PARAMETER.createConfigRecorder), CREATE_RECORDER.no),
        Assertions: [
          {
            Assert: isEmptyParameter(TEMPLATE_PARAMETER.existingBucketName),
            AssertDescription:
              'ExistingBucketName is used only by a recorder this stack creates: set CreateConfigRecorder to true, or clear ExistingBucketName.',
          },
        ],
      },
    },
  };
}
