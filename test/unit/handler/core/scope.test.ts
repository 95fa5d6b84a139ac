import { describeScope, isInScope } from '../../../../handler/core/scope';

const tags = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('isInScope', () => {
  it.each<[string, Record<string, string>, { key: string; value?: string } | undefined, boolean]>([
    ['no scope: every group', {}, undefined, true],
    ['key and value match', { team: 'web' }, { key: 'team', value: 'web' }, true],
    ['another value', { team: 'db' }, { key: 'team', value: 'web' }, false],
    ['values compare exactly (case)', { team: 'Web' }, { key: 'team', value: 'web' }, false],
    ['keys compare exactly (case)', { Team: 'web' }, { key: 'team', value: 'web' }, false],
    ['untagged', {}, { key: 'team', value: 'web' }, false],
    ['key alone: any value', { team: 'db' }, { key: 'team' }, true],
    ['key alone: an empty value counts', { team: '' }, { key: 'team' }, true],
    ['key alone: untagged', { other: 'x' }, { key: 'team' }, false],
  ])('%s', (_name, groupTags, scope, expected) => {
    expect(isInScope(tags(groupTags), scope)).toBe(expected);
  });
});

describe('describeScope', () => {
  it('names the tag, with its value when set', () => {
    expect(describeScope({ key: 'team', value: 'web' })).toBe('tag team=web');
    expect(describeScope({ key: 'team' })).toBe('tag team');
  });
});
