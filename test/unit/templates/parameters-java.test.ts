/**
 * CloudFormation checks AllowedPattern with Java's regex engine, not JavaScript's: the pattern
 * tables, values generated from the grammar and every template's defaults, matched by a real JVM.
 */
import fc from 'fast-check';
import {
  ALLOWED_CIDRS_PATTERN,
  ALLOWED_INGRESS_PATTERN,
  BUCKET_NAME_PATTERN,
  EXEMPT_TAG_KEY_PATTERN,
  KEY_PREFIX_PATTERN,
} from '../../../templates/parameters';
import { plainTemplate } from './fixtures';
import { javaAvailable, matchInJava } from './java-regex';
import {
  BUCKET_NAME_CASES,
  CIDR_CASES,
  EXEMPT_TAG_KEY_CASES,
  INGRESS_CASES,
  KEY_PREFIX_CASES,
  entry,
  ingressParses,
  isBlank,
  matches,
} from './parameter-cases';
import type { JsonObject } from './template-lint';

// Java is part of this project's machine kind; where it is missing these are skipped, but not in CI.
const describeIfJava = javaAvailable || process.env.CI === 'true' ? describe : describe.skip;

describeIfJava('the patterns in Java regex semantics (CloudFormation checks AllowedPattern with Java)', () => {
  const inJava = (queries: readonly { pattern: string; value: string }[]) => {
    const results = matchInJava(queries);
    return queries.map((q, i) => [q.value, results[i]]);
  };

  it('every value of the tables above matches in Java exactly as expected', () => {
    const cases = [
      ...INGRESS_CASES.map(([value, , ok]) => ({ pattern: ALLOWED_INGRESS_PATTERN, value, ok })),
      ...CIDR_CASES.map(([value, , ok]) => ({ pattern: ALLOWED_CIDRS_PATTERN, value, ok })),
      ...EXEMPT_TAG_KEY_CASES.map(([value, ok]) => ({ pattern: EXEMPT_TAG_KEY_PATTERN, value, ok })),
      ...BUCKET_NAME_CASES.map(([value, ok]) => ({ pattern: BUCKET_NAME_PATTERN, value, ok })),
      ...KEY_PREFIX_CASES.map(([value, ok]) => ({ pattern: KEY_PREFIX_PATTERN, value, ok })),
    ];
    expect(inJava(cases)).toEqual(cases.map((c) => [c.value, c.ok]));
  });

  it('every non-blank value the parser accepts matches in Java (generated from the grammar)', () => {
    const values = fc
      .sample(fc.array(entry, { maxLength: 6 }), { numRuns: 3000, seed: 20261127 })
      .map((entries) => entries.join(','))
      .filter((value) => ingressParses(value) && !isBlank(value));
    expect(values.length).toBeGreaterThan(300);
    expect(inJava(values.map((value) => ({ pattern: ALLOWED_INGRESS_PATTERN, value })))).toEqual(values.map((v) => [v, true]));
  });

  it.each(['baseline', 'rule', 'standalone', 'portfolio'] as const)('%s: every Default matches its AllowedPattern in Java', (name) => {
    const parameters = Object.entries(plainTemplate(name).Parameters as Record<string, JsonObject>).filter(
      ([, p]) => typeof p.AllowedPattern === 'string' && typeof p.Default === 'string',
    );
    const queries = parameters.map(([, p]) => ({ pattern: p.AllowedPattern as string, value: p.Default as string }));
    expect(parameters.length).toBeGreaterThan(0);
    expect(inJava(queries)).toEqual(queries.map((q) => [q.value, true]));
  });

  it('the check itself tells Java from JavaScript: \\s is ASCII-only in Java', () => {
    expect(matchInJava([{ pattern: String.raw`^\s$`, value: '\u00a0' }, { pattern: '(', value: '' }])).toEqual([false, 'invalid']);
    expect(matches(String.raw`^\s$`, '\u00a0')).toBe(true);
  });
});
