import { Fn, Logs, StringParameter } from '../../../templates/cloudform';
import { BuildError } from '../../../src/errors';
import { composeTemplate } from '../../../templates/compose';

const group = () => new Logs.LogGroup({ RetentionInDays: 1 });
const parameter = () => new StringParameter({ Default: '' });

describe('composeTemplate', () => {
  it('merges fragments section by section, in order, omitting empty sections', () => {
    const template = composeTemplate({
      purpose: 'd',
      fragments: [{ Resources: { A: group() } }, { Resources: { B: group() }, Outputs: { O: { Value: Fn.Ref('A') } } }],
    });
    expect(Object.keys(template)).toEqual(['AWSTemplateFormatVersion', 'Description', 'Resources', 'Outputs']);
    expect(Object.keys(template.Resources ?? {})).toEqual(['A', 'B']);
  });

  it.each([
    ['two resources', [{ Resources: { A: group() } }, { Resources: { A: group() } }], 'template Resources.A'],
    ['a resource and a parameter (one Ref namespace)', [{ Parameters: { A: parameter() } }, { Resources: { A: group() } }], 'template Resources.A'],
    ['two conditions', [{ Conditions: { C: Fn.Equals('a', 'a') } }, { Conditions: { C: Fn.Equals('b', 'b') } }], 'template Conditions.C'],
    ['two outputs', [{ Outputs: { O: { Value: 'x' } } }, { Outputs: { O: { Value: 'y' } } }], 'template Outputs.O'],
  ])('refuses a logical ID declared twice: %s', (_name, fragments, where) => {
    const compose = () => composeTemplate({ purpose: 'd', fragments });
    expect(compose).toThrow(BuildError);
    expect(compose).toThrow(`${where}: logical ID "${where.split('.')[1] ?? ''}" is declared twice.`);
  });
});
