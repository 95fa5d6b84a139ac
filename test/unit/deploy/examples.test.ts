import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeployConfig } from '../../../src/deploy/config/config';
import { planRollout } from '../../../src/deploy/plan/planner';
import { TEMPLATES, orgFromPaths } from './fixtures';

const DIR = path.resolve(__dirname, '../../../examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

/** A fresh organization: the root with the management account and two member accounts, no OU. */
const FRESH = orgFromPaths({ Root: 2 });

describe('examples/', () => {
  it.each(files)('%s is a valid config that names the shipped schema', (file) => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/deploy-config.schema.json');
    expect(() => parseDeployConfig(text, file)).not.toThrow();
  });

  it.each(files)('%s plans against a fresh organization, warning only that the management account is not covered', (file) => {
    const config = parseDeployConfig(readFileSync(path.join(DIR, file), 'utf8'), file);
    const plan = planRollout({ config, org: FRESH, current: [], templates: TEMPLATES, prune: false });
    expect(plan.warnings.map((w) => w.kind)).toEqual(['management-account']);
    expect(plan.stackSets.filter((s) => s.kind === 'rule').map((s) => s.accounts)).toEqual([2]);
  });

  it('the first rollout of each example only reports (enforce changes every group in scope)', () => {
    for (const file of files) {
      const config = parseDeployConfig(readFileSync(path.join(DIR, file), 'utf8'), file);
      expect({ file, modes: config.profiles.map((p) => p.values.mode) }).toEqual({ file, modes: config.profiles.map(() => 'report') });
    }
  });
});
