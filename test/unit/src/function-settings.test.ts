import { RuleParameterError } from '../../../src/errors';
import { FUNCTION_ENVIRONMENT as ENV, parseFunctionEnvironment, parseMatching } from '../../../src/function-settings';

describe('parseFunctionEnvironment', () => {
  it.each<[string, Record<string, string | undefined>, ReturnType<typeof parseFunctionEnvironment>]>([
    ['nothing set: every group, exact', {}, { matching: 'exact' }],
    ['empty values (the templates pass the parameters through): the same', { [ENV.scopeTagKey]: '', [ENV.scopeTagValue]: '', [ENV.matching]: 'exact' }, { matching: 'exact' }],
    ['key and value', { [ENV.scopeTagKey]: 'team', [ENV.scopeTagValue]: 'web' }, { scope: { key: 'team', value: 'web' }, matching: 'exact' }],
    ['key alone', { [ENV.scopeTagKey]: 'team' }, { scope: { key: 'team' }, matching: 'exact' }],
    ['ceiling', { [ENV.matching]: 'ceiling' }, { matching: 'ceiling' }],
    ['unicode tags and spaces', { [ENV.scopeTagKey]: 'Équipe web', [ENV.scopeTagValue]: 'a b:c/d=e+f-g@h_i.j' }, { scope: { key: 'Équipe web', value: 'a b:c/d=e+f-g@h_i.j' }, matching: 'exact' }],
  ])('%s', (_name, env, expected) => {
    expect(parseFunctionEnvironment(env)).toEqual(expected);
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['a value without a key', { [ENV.scopeTagValue]: 'web' }, ENV.scopeTagValue, 'set ScopeTagKey too'],
    ['an unknown matching', { [ENV.matching]: 'subset' }, ENV.matching, 'use "exact"'],
    ['a key with a character tags do not allow', { [ENV.scopeTagKey]: 'te"am' }, ENV.scopeTagKey, 'not a tag key'],
    ['a key over 128 characters', { [ENV.scopeTagKey]: 'k'.repeat(129) }, ENV.scopeTagKey, 'up to 128'],
    ['a value over 256 characters', { [ENV.scopeTagKey]: 'k', [ENV.scopeTagValue]: 'v'.repeat(257) }, ENV.scopeTagValue, 'up to 256'],
  ])('%s: RuleParameterError naming the variable', (_name, env, where, text) => {
    const parse = (): unknown => parseFunctionEnvironment(env);
    expect(parse).toThrow(RuleParameterError);
    expect(parse).toThrow(expect.objectContaining({ where, message: expect.stringContaining(text) }));
  });
});

describe('parseMatching', () => {
  it('accepts the two values, trimmed, and names the field it is given', () => {
    expect(parseMatching(' ceiling ')).toBe('ceiling');
    expect(() => parseMatching('Exact', 'profiles.web.matching')).toThrow(expect.objectContaining({ where: 'profiles.web.matching' }));
  });
});
