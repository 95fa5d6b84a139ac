import * as errors from '../../../src/errors';

describe('the error hierarchy', () => {
  const classes = Object.entries(errors).filter((entry): entry is [string, typeof errors.GuardrailError] => typeof entry[1] === 'function');

  // The bundle is minified, so a class's runtime name is not its source name: each names itself.
  it.each(classes)('%s names itself and keeps where, fix and cause', (name, ErrorClass) => {
    const cause = new Error('root');
    const error = new ErrorClass('went wrong.', { where: 'field', fix: 'do this.', cause });
    expect(error).toBeInstanceOf(errors.GuardrailError);
    expect(error.name).toBe(name);
    expect(error.message).toBe('field: went wrong. Fix: do this.');
    expect(error.cause).toBe(cause);
  });
});
