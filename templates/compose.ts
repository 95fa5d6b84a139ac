/**
 * Template fragments and the composer that merges them. Each resource family returns a fragment;
 * the composer refuses a logical ID that two fragments (or two sections sharing the Ref namespace)
 * both declare, so one fragment can never silently overwrite another.
 */
import type { Condition, Template } from './cloudform';
import { BuildError } from '../src/errors';

// cloudform re-exports these interfaces only as default exports of inner modules; derive them.
export type Parameter = NonNullable<Template['Parameters']>[string];
export type Resource = NonNullable<Template['Resources']>[string];
export type Output = NonNullable<Template['Outputs']>[string];

/** A `Rules` entry (cloudform-types has no type for the section, so it is declared here). */
export interface TemplateRule {
  readonly RuleCondition?: unknown;
  readonly Assertions: readonly { readonly Assert: unknown; readonly AssertDescription: string }[];
}

/** cloudform's Template plus the `Rules` section it lacks. */
export type GuardrailTemplate = Template & { Rules?: Record<string, TemplateRule> };

export interface TemplateFragment {
  readonly Parameters?: Readonly<Record<string, Parameter>>;
  readonly Rules?: Readonly<Record<string, TemplateRule>>;
  readonly Conditions?: Readonly<Record<string, Condition>>;
  readonly Resources?: Readonly<Record<string, Resource>>;
  readonly Outputs?: Readonly<Record<string, Output>>;
}

export interface ComposeProps {
  /** What the template is for; the Description becomes `sg-guardrail <purpose>`. */
  readonly purpose: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly fragments: readonly TemplateFragment[];
}

const SECTIONS = ['Parameters', 'Rules', 'Conditions', 'Resources', 'Outputs'] as const;

export function composeTemplate(props: ComposeProps): GuardrailTemplate {
  const merged: Record<(typeof SECTIONS)[number], Record<string, unknown>> = {
    Parameters: {},
    Rules: {},
    Conditions: {},
    Resources: {},
    Outputs: {},
  };
  // Parameters and resources share the namespace `Ref` resolves in; conditions share the one of
  // `Fn::If` and `Condition:`. A clash in either is a bug of ours, not of the user.
  const refNamespace = new Set<string>();
  for (const fragment of props.fragments) {
    for (const section of SECTIONS) {
      for (const [id, value] of Object.entries(fragment[section] ?? {})) {
        const shared = section === 'Parameters' || section === 'Resources';
        if (id in merged[section] || (shared && refNamespace.has(id))) {
          throw new BuildError(`logical ID "${id}" is declared twice.`, {
            where: `template ${section}.${id}`,
            fix: 'give each resource, parameter, condition and output its own ID in templates/logical-ids.ts.',
          });
        }
        if (shared) refNamespace.add(id);
        merged[section][id] = value;
      }
    }
  }
  const template: GuardrailTemplate = { AWSTemplateFormatVersion: '2010-09-09', Description: `sg-guardrail ${props.purpose}` };
  if (props.metadata !== undefined) template.Metadata = { ...props.metadata };
  for (const section of SECTIONS) {
    if (Object.keys(merged[section]).length > 0) Object.assign(template, { [section]: merged[section] });
  }
  return template;
}
