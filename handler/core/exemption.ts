/**
 * The exemption tag. A group carrying the tag is exempt; a tag value in one of the accepted ISO 8601
 * forms (docs/handler.md names exactly these) makes the exemption time-boxed:
 *   `2026-12-31`                 exempt through the end of that day (UTC), evaluated again from 2027-01-01
 *   `2026-12-31T18:00:00Z`       exempt until that instant; `+02:00` (any ±hh:mm) instead of `Z`, and
 *                                fractional seconds (`18:00:00.000Z`) work too
 *   any other value              exempt without end (e.g. `true`, a ticket number, empty)
 * Any other value that looks like a date fails closed: it exempts nothing, and the annotation names
 * the accepted forms. That covers impossible dates (`2026-02-30`), other ISO 8601 forms (`20260615`,
 * `2026-W24`, `2026-166`), a date-time without an offset (`2026-06-15T12:00:00`: whose noon?) and
 * other spellings (`15.06.2026`). Read as "no end", a typo would switch the guardrail off for good.
 */

export type Exemption =
  | { readonly kind: 'none' }
  | { readonly kind: 'exempt'; readonly until?: Date }
  | { readonly kind: 'expired'; readonly until: Date }
  | { readonly kind: 'invalid-date'; readonly value: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
/**
 * A year and a separator (`2026-W24`, `2026/06/15`, `2026-06-15T12:00`), eight digits (`20260615`,
 * ISO's basic form, also with a time), or day, month and year (`15.06.2026`, `6/15/26`).
 */
const LOOKS_LIKE_DATE = /^(?:\d{4}[-/.W]|\d{8}(?:$|T)|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:$|\D))/i;
/** The accepted forms, as the annotation names them. */
export const EXEMPTION_DATE_FORMS = 'YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (or ±hh:mm)';
const DAY_MS = 24 * 60 * 60 * 1000;

export function evaluateExemption(
  tags: ReadonlyMap<string, string>,
  tagKey: string,
  now: Date,
): Exemption {
  const value = tags.get(tagKey);
  if (value === undefined) return { kind: 'none' };
  const trimmed = value.trim();
  const until = parseExemptionEnd(trimmed);
  if (until === undefined) {
    return LOOKS_LIKE_DATE.test(trimmed) ? { kind: 'invalid-date', value } : { kind: 'exempt' };
  }
  return now.getTime() < until.getTime() ? { kind: 'exempt', until } : { kind: 'expired', until };
}

/** The instant the exemption ends, or undefined when the value is not an ISO date or date-time. */
function parseExemptionEnd(value: string): Date | undefined {
  if (DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    // Date.parse rolls 2026-02-30 over to March 2: only a date that formats back to itself is real.
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== value) return undefined;
    return new Date(start + DAY_MS);
  }
  if (DATE_TIME.test(value)) {
    const instant = Date.parse(value);
    const [year, month, day] = value.slice(0, 10).split('-').map(Number);
    const probe = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
    const [hour, minute, second] = value.slice(11, 19).split(':').map(Number);
    const inDay = (hour ?? 99) < 24 && (minute ?? 99) < 60 && (second ?? 99) < 60;
    if (Number.isNaN(instant) || !inDay || probe.toISOString().slice(0, 10) !== value.slice(0, 10)) return undefined;
    return new Date(instant);
  }
  return undefined;
}

/** A short phrase for annotations and logs, e.g. `exempt by tag sg-guardrail:exempt until 2027-01-01T00:00:00.000Z`. */
export function describeExemption(exemption: Exemption, tagKey: string): string | undefined {
  switch (exemption.kind) {
    case 'none':
      return undefined;
    case 'exempt':
      return exemption.until === undefined
        ? `exempt by tag ${tagKey}`
        : `exempt by tag ${tagKey} until ${exemption.until.toISOString()}`;
    case 'expired':
      return `exemption ${tagKey} expired ${exemption.until.toISOString()}`;
    case 'invalid-date':
      return `exemption ${tagKey}="${exemption.value}" ignored: not a date in an accepted form (${EXEMPTION_DATE_FORMS})`;
  }
}
