/**
 * aggregator: the AWS Config organization aggregator (and its role) in the account that runs the
 * rollout, for `sg-guardrail compliance`. Its parameters are its own: the name and the regions.
 */
import { StringParameter } from './cloudform';
import { AGGREGATOR_PARAMETER as P } from '../src/template-parameters';
import { buildConfigAggregator } from './aggregator';
import type { GuardrailTemplate } from './compose';
import { composeTemplate } from './compose';
import { isEmptyParameter } from './intrinsics';
import { CONDITION } from './logical-ids';

export const AGGREGATOR_PURPOSE =
  'aggregator template: an AWS Config organization aggregator (and its role) collecting the guardrail rules\' compliance from every account.';

/** A Config aggregator name (the API's `[\w\-]+`, 1-256). */
export const AGGREGATOR_NAME_PATTERN = '^[A-Za-z0-9_-]{1,256}$';
/** Empty (every region), or comma-separated region names. */
export const AGGREGATOR_REGIONS_PATTERN = '^$|^[a-z]{2}(-[a-z]+)+-[0-9]+(,[a-z]{2}(-[a-z]+)+-[0-9]+)*$';
export const DEFAULT_AGGREGATOR_NAME = 'sg-guardrail-organization';

export function buildAggregatorTemplate(): GuardrailTemplate {
  return composeTemplate({
    purpose: AGGREGATOR_PURPOSE,
    metadata: {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [{ Label: { default: 'Aggregator' }, Parameters: [P.name, P.regions] }],
        ParameterLabels: { [P.name]: { default: 'Aggregator name' }, [P.regions]: { default: 'Source regions' } },
      },
    },
    fragments: [
      {
        Parameters: {
          [P.name]: new StringParameter({
            Description: 'Name of the aggregator; `sg-guardrail compliance` reads it by this name (the config\'s aggregator.name).',
            Default: DEFAULT_AGGREGATOR_NAME,
            AllowedPattern: AGGREGATOR_NAME_PATTERN,
            ConstraintDescription: 'type 1-256 letters, digits, dashes and underscores.',
          }),
          [P.regions]: new StringParameter({
            Description: 'Regions to aggregate, comma-separated (the rollout\'s regions); empty aggregates every region, including ones enabled later.',
            Default: '',
            AllowedPattern: AGGREGATOR_REGIONS_PATTERN,
            ConstraintDescription: 'type region names such as us-east-1,eu-west-1 without spaces, or leave empty for every region.',
          }),
        },
        Conditions: { [CONDITION.allAggregatorRegions]: isEmptyParameter(P.regions) },
      },
      buildConfigAggregator(),
    ],
  });
}
