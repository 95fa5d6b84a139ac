/**
 * The templates' public face: one builder per template name, and a reader for the inlined handler
 * code (for the end-to-end test that runs the code exactly as the template carries it).
 */
import type { TemplateName } from '../src/template-parameters';
import { AGGREGATOR_PURPOSE, buildAggregatorTemplate } from './aggregator-template';
import { BASELINE_PURPOSE, buildBaselineTemplate } from './baseline';
import type { GuardrailTemplate } from './compose';
import { LOGICAL_ID } from './logical-ids';
import { RULE_PURPOSE, buildRuleTemplate } from './rule';
import { STANDALONE_PURPOSE, buildStandaloneTemplate } from './standalone';

export type { GuardrailTemplate, TemplateFragment } from './compose';
export { buildBaselineTemplate } from './baseline';
export { buildRuleTemplate } from './rule';
export { buildStandaloneTemplate } from './standalone';
export { buildAggregatorTemplate } from './aggregator-template';
export { buildPortfolioTemplate, PORTFOLIO_PURPOSE } from './service-catalog-portfolio';
export { buildLaunchRoleTemplate, LAUNCH_ROLE_PURPOSE } from './launch-role';
export { LOGICAL_ID, CONDITION, OUTPUT, PORTFOLIO_PARAMETER } from './logical-ids';

export interface TemplateBuildProps {
  /** The bundled handler, inlined into Code.ZipFile of the rule and standalone templates. */
  readonly handlerCode: string;
}

export const TEMPLATE_PURPOSES: Readonly<Record<TemplateName, string>> = {
  baseline: BASELINE_PURPOSE,
  rule: RULE_PURPOSE,
  standalone: STANDALONE_PURPOSE,
  aggregator: AGGREGATOR_PURPOSE,
};

/** Builds the named template object (plain data plus cloudform intrinsics; render it to text). */
export function buildTemplate(name: TemplateName, props: TemplateBuildProps): GuardrailTemplate {
  switch (name) {
    case 'baseline':
      return buildBaselineTemplate();
    case 'rule':
      return buildRuleTemplate(props);
    case 'standalone':
      return buildStandaloneTemplate(props);
    case 'aggregator':
      return buildAggregatorTemplate();
  }
}

/** The resource types a template creates, sorted (the launch role is derived from the standalone's). */
export function resourceTypesOf(template: GuardrailTemplate): string[] {
  return [...new Set(Object.values(template.Resources ?? {}).map((r) => String((r as { Type?: unknown }).Type)))].sort();
}

/** The handler code a template inlines, or undefined for a template without the function. */
export function readInlineHandlerCode(template: GuardrailTemplate): string | undefined {
  const properties: unknown = template.Resources?.[LOGICAL_ID.function]?.Properties;
  const code = (properties as { Code?: { ZipFile?: unknown } } | undefined)?.Code?.ZipFile;
  return typeof code === 'string' ? code : undefined;
}
