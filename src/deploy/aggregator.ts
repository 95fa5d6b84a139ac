/**
 * The organization aggregator stack of a rollout (dist/templates/aggregator.yaml), for apply to
 * create when `aggregator.create` is on: its stack name and parameter values, from the config.
 */
import type { DeployConfig } from './config/config-types';
import { AGGREGATOR_PARAMETER } from '../template-parameters';

/** A plain stack (not a stack set) in the account and region the rollout runs from. */
export function aggregatorStackName(prefix: string): string {
  return `${prefix}-aggregator`;
}

/** The aggregator template's values: the config's name, and only the rollout's regions. */
export function aggregatorParameters(config: Pick<DeployConfig, 'aggregator' | 'regions'>): Record<string, string> {
  return { [AGGREGATOR_PARAMETER.name]: config.aggregator.name, [AGGREGATOR_PARAMETER.regions]: [...config.regions].sort().join(',') };
}
