/**
 * `AWS::CloudFormation::Interface`: groups and labels parameters in the CloudFormation console and
 * in Service Catalog (ungrouped parameters would otherwise appear alphabetically).
 */
import type { TemplateParameterName } from '../src/template-parameters';
import { TEMPLATE_PARAMETER as P } from '../src/template-parameters';

const GROUPS: readonly { readonly label: string; readonly parameters: readonly TemplateParameterName[] }[] = [
  { label: 'Allowed ingress', parameters: [P.allowedIngress, P.allowedCidrs, P.mode, P.matching, P.exemptTagKey] },
  { label: 'Evaluation', parameters: [P.configRuleName, P.scopeTagKey, P.scopeTagValue, P.evaluationFrequency, P.logRetentionDays] },
  { label: 'AWS Config recording', parameters: [P.createConfigRecorder, P.recordingFrequency, P.existingBucketName, P.existingBucketKeyPrefix] },
];

const LABELS: Readonly<Record<TemplateParameterName, string>> = {
  [P.allowedIngress]: 'Allowed ingress rules',
  [P.allowedCidrs]: 'Default source CIDRs',
  [P.mode]: 'Mode',
  [P.matching]: 'Matching',
  [P.exemptTagKey]: 'Exemption tag key',
  [P.scopeTagKey]: 'Scope tag key',
  [P.scopeTagValue]: 'Scope tag value',
  [P.evaluationFrequency]: 'Periodic evaluation',
  [P.logRetentionDays]: 'Log retention (days)',
  [P.createConfigRecorder]: 'Create the Config recorder',
  [P.recordingFrequency]: 'Recording frequency',
  [P.existingBucketName]: 'Existing delivery bucket',
  [P.existingBucketKeyPrefix]: 'Key prefix in the existing bucket',
  [P.configRuleName]: 'Config rule name',
};

/** The Interface metadata for the parameters a template declares, in the order of the groups. */
export function buildParameterInterface(declared: readonly TemplateParameterName[]): Record<string, unknown> {
  const present = new Set(declared);
  return {
    'AWS::CloudFormation::Interface': {
      ParameterGroups: GROUPS.map((g) => ({
        Label: { default: g.label },
        Parameters: g.parameters.filter((name) => present.has(name)),
      })).filter((g) => g.Parameters.length > 0),
      ParameterLabels: Object.fromEntries(declared.map((name) => [name, { default: LABELS[name] }])),
    },
  };
}
