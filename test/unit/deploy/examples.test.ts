import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeployConfig } from '../../../src/deploy/config/config';

const DIR = path.resolve(__dirname, '../../../examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe('examples/', () => {
  it.each(files)('%s is a valid config that names the shipped schema', (file) => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/deploy-config.schema.json');
    expect(() => parseDeployConfig(text, file)).not.toThrow();
  });
});
