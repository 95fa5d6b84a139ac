/**
 * The template parameter values a config gives: a profile's rule values (what its stack set gets)
 * and the baseline's. The per-profile hand-off templates take them as Defaults; a test holds them
 * equal to what the planner sends.
 */
import { TEMPLATE_PARAMETER as P } from '../../template-parameters';
import type { TemplateParameterName } from '../../template-parameters';
import { configRuleName } from '../plan/stack-set-names';
import type { DeployConfig, Profile } from './config-types';

export type TemplateValues = Partial<Record<TemplateParameterName, string>>;

/** The rule template's values for a profile, its fixed Config rule name included. */
export function ruleTemplateValues(prefix: string, profile: Profile): TemplateValues {
  const v = profile.values;
  return {
    [P.allowedIngress]: v.allowedIngress,
    [P.allowedCidrs]: v.allowedCidrs,
    [P.mode]: v.mode,
    [P.matching]: v.matching,
    [P.exemptTagKey]: v.exemptTagKey,
    [P.scopeTagKey]: v.scopeTagKey,
    [P.scopeTagValue]: v.scopeTagValue,
    [P.evaluationFrequency]: v.evaluationFrequency,
    [P.logRetentionDays]: String(v.logRetentionDays),
    [P.configRuleName]: configRuleName(prefix, profile.name),
  };
}

/** The baseline template's values (also the recording part of standalone). */
export function baselineTemplateValues(config: Pick<DeployConfig, 'baseline'>): TemplateValues {
  return {
    [P.recordingFrequency]: config.baseline.recordingFrequency,
    [P.existingBucketName]: config.baseline.existingBucketName,
    [P.existingBucketKeyPrefix]: config.baseline.existingBucketKeyPrefix,
  };
}
