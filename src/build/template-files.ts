/**
 * The template files of dist/: every template as YAML and JSON, and the Service Catalog portfolio and launch role.
 * Pure (text in, text out), so the deploy code can take the same bodies without touching disk.
 */
import { createHash } from 'node:crypto';
import { BuildError } from '../errors';
import type { TemplateName } from '../template-parameters';
import { TEMPLATE_NAMES } from '../template-parameters';
import { LAUNCH_ROLE_PURPOSE, PORTFOLIO_PURPOSE, TEMPLATE_PURPOSES, buildLaunchRoleTemplate, buildPortfolioTemplate, buildTemplate, readInlineHandlerCode, resourceTypesOf } from '../../templates/index';
import { renderTemplateJson, renderTemplateYaml } from './render-template';

/** CloudFormation's limit for a TemplateBody in CreateStack / CreateStackSet requests. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

export interface TemplateFile {
  /** Path relative to dist/, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

export interface TemplateFilesProps {
  /** The bundled handler (dist/handler/index.min.js), inlined into the rule and standalone templates. */
  readonly handlerCode: string;
  /** The tool's version (package.json), named in each YAML header and the product version. */
  readonly version: string;
}

/** Renders dist/templates/<name>.{yaml,json} and dist/service-catalog/{portfolio,launch-role}.yaml. */
export function renderTemplateFiles(props: TemplateFilesProps): TemplateFile[] {
  const files = TEMPLATE_NAMES.flatMap((name) =>
    (['yaml', 'json'] as const).map((format) => ({
      path: `templates/${name}.${format}`,
      content: renderTemplateBody({ ...props, name, format }),
    })),
  );
  const portfolio: TemplateFile = {
    path: 'service-catalog/portfolio.yaml',
    content: renderTemplateYaml(buildPortfolioTemplate({ version: props.version }), {
      version: props.version,
      purpose: PORTFOLIO_PURPOSE,
    }),
  };
  assertTemplateBodyFits(portfolio);
  // Exactly what creating the standalone stack takes: derived from the resource types it declares.
  const resourceTypes = resourceTypesOf(buildTemplate('standalone', { handlerCode: props.handlerCode }));
  const launchRole: TemplateFile = {
    path: 'service-catalog/launch-role.yaml',
    content: renderTemplateYaml(buildLaunchRoleTemplate({ resourceTypes }), { version: props.version, purpose: LAUNCH_ROLE_PURPOSE }),
  };
  assertTemplateBodyFits(launchRole);
  return [...files, portfolio, launchRole];
}

export interface TemplateBodyProps extends TemplateFilesProps {
  readonly name: TemplateName;
  /** `yaml` (default; the smaller) or `json`. */
  readonly format?: 'yaml' | 'json';
}

/**
 * One template's body, exactly as dist/templates/<name>.<format> holds it, size-checked: what the
 * deploy code passes as TemplateBody to CreateStackSet / UpdateStackSet.
 */
export function renderTemplateBody(props: TemplateBodyProps): string {
  const format = props.format ?? 'yaml';
  const template = buildTemplate(props.name, { handlerCode: props.handlerCode });
  const inlined = readInlineHandlerCode(template);
  const content =
    format === 'json'
      ? renderTemplateJson(template)
      : renderTemplateYaml(template, {
          version: props.version,
          purpose: TEMPLATE_PURPOSES[props.name],
          inlinedCodeSha256: inlined === undefined ? undefined : createHash('sha256').update(inlined, 'utf8').digest('hex'),
        });
  assertTemplateBodyFits({ path: `templates/${props.name}.${format}`, content });
  return content;
}

/** Fails with what to do when a template is too big to pass as a TemplateBody. */
export function assertTemplateBodyFits(file: TemplateFile): void {
  const bytes = Buffer.byteLength(file.content);
  if (bytes <= MAX_TEMPLATE_BODY_BYTES) return;
  const format = (n: number) => n.toLocaleString('en-US');
  throw new BuildError(
    `the template is ${format(bytes)} bytes, ${format(bytes - MAX_TEMPLATE_BODY_BYTES)} over CloudFormation's ${format(MAX_TEMPLATE_BODY_BYTES)}-byte TemplateBody limit.`,
    {
      where: `dist/${file.path}`,
      fix: 'shrink the handler bundle (keep @aws-sdk/* external; look for a newly bundled dependency with `npx esbuild handler/index.ts --bundle --minify --platform=node --external:@aws-sdk/* --analyze`), or shorten template descriptions.',
    },
  );
}
