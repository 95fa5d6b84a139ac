/**
 * Hand-off templates per profile (`sg-guardrail build -c FILE`): dist/profiles/<profile>/{rule,
 * standalone}.{yaml,json}, each the built template with the profile's values (and the config's
 * recording settings) as its parameters' Defaults, so a platform team or a Service Catalog admin
 * gets one file per policy. Pure and deterministic: the header names the profile and the config by
 * file name and content hash, never by a path that depends on where the build runs.
 */
import { baselineTemplateValues, ruleTemplateValues } from '../deploy/config/template-values';
import type { TemplateValues } from '../deploy/config/template-values';
import type { DeployConfig, Profile } from '../deploy/config/config-types';
import { TEMPLATE_PURPOSES, buildTemplate } from '../../templates/index';
import type { GuardrailTemplate } from '../../templates/index';
import { renderTemplateJson, renderTemplateYaml } from './render-template';
import type { TemplateFile } from './template-files';
import { assertTemplateBodyFits } from './template-files';

/** The templates a profile is handed off as. */
export const PROFILE_TEMPLATE_NAMES = ['rule', 'standalone'] as const;
export type ProfileTemplateName = (typeof PROFILE_TEMPLATE_NAMES)[number];

export interface ProfileTemplatesProps {
  readonly handlerCode: string;
  readonly version: string;
  readonly config: DeployConfig;
  /** The config the profiles come from, named in each header and Description. */
  readonly source: { readonly fileName: string; readonly sha256: string };
}

export function renderProfileTemplateFiles(props: ProfileTemplatesProps): TemplateFile[] {
  return props.config.profiles.flatMap((profile) =>
    PROFILE_TEMPLATE_NAMES.flatMap((name) => {
      const template = buildProfileTemplate(name, profile, props);
      const purpose = `profile ${profile.name} of ${sourceLabel(props.source)}: ${TEMPLATE_PURPOSES[name]}`;
      return (['yaml', 'json'] as const).map((format): TemplateFile => {
        const content =
          format === 'json'
            ? renderTemplateJson(template)
            : renderTemplateYaml(template, { version: props.version, purpose, generatedBy: `sg-guardrail build -c ${props.source.fileName}` });
        const file = { path: profileTemplatePath(profile.name, name, format), content };
        assertTemplateBodyFits(file);
        return file;
      });
    }),
  );
}

export function profileTemplatePath(profile: string, name: ProfileTemplateName, format: 'yaml' | 'json'): string {
  return `profiles/${profile}/${name}.${format}`;
}

/** The built template with the profile's values as Defaults; the Description names the profile too (JSON has no comments). */
export function buildProfileTemplate(name: ProfileTemplateName, profile: Profile, props: Pick<ProfileTemplatesProps, 'handlerCode' | 'config' | 'source'>): GuardrailTemplate {
  const template = buildTemplate(name, { handlerCode: props.handlerCode });
  const values: TemplateValues = { ...ruleTemplateValues(props.config.prefix, profile), ...(name === 'standalone' ? baselineTemplateValues(props.config) : {}) };
  const parameters = template.Parameters ?? {};
  for (const [key, value] of Object.entries(values)) {
    const parameter = parameters[key];
    if (parameter === undefined) continue;
    // Number parameters (LogRetentionDays) keep a number Default, as the shared definition has it.
    parameters[key] = { ...parameter, Default: typeof parameter.Default === 'number' ? Number(value) : value };
  }
  template.Description = `sg-guardrail profile ${profile.name} of ${sourceLabel(props.source)}: ${TEMPLATE_PURPOSES[name]}`;
  return template;
}

function sourceLabel(source: ProfileTemplatesProps['source']): string {
  return `${source.fileName} (sha256 ${source.sha256})`;
}
