/**
 * The templates publish uploads, built in-process exactly as `build` writes them: the standalone
 * template, or with serviceCatalog.perProfile each profile's hand-off standalone template (the
 * profile's values as defaults). Deterministic, so the same version publishes the same bytes.
 */
import { bundleHandler } from '../build/build-runner';
import { readProjectVersion } from '../project';
import type { ConfigSource } from '../build/profile-source';
import { renderProfileTemplateFiles, profileTemplatePath } from '../build/profile-templates';
import { renderTemplateBody } from '../build/template-files';
import type { DeployConfig } from '../deploy/config/config-types';

export interface PublishTemplates {
  /** The tool's version (package.json): the default product version. */
  readonly version: string;
  /** The standalone template (profile undefined), or one per profile. */
  readonly templates: readonly { readonly profile: string | undefined; readonly body: string }[];
}

export async function renderPublishTemplates(rootDir: string, config: DeployConfig, source: ConfigSource): Promise<PublishTemplates> {
  const handlerCode = await bundleHandler(rootDir);
  const version = readProjectVersion(rootDir);
  if (!config.serviceCatalog.perProfile) return { version, templates: [{ profile: undefined, body: renderTemplateBody({ name: 'standalone', handlerCode, version }) }] };
  const files = renderProfileTemplateFiles({ handlerCode, version, config, source });
  return {
    version,
    templates: config.profiles.map((p) => ({ profile: p.name, body: files.find((f) => f.path === profileTemplatePath(p.name, 'standalone', 'yaml'))?.content ?? '' })),
  };
}
