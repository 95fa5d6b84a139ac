/**
 * Pagination with the semantics AWS documents: `MaxResults` caps a page (default and maximum per
 * operation), `NextToken` is opaque and bound to the listing it came from, a token that was not
 * issued for this listing is rejected, and — Organizations says so explicitly — a page may hold
 * fewer items than `MaxResults`, or none at all, while `NextToken` says more are coming. The
 * `PageShape` knob makes such pages happen deterministically.
 *
 * Simplification: the first page takes a snapshot of the (insertion-ordered) list and later pages
 * slice that snapshot, so a listing is consistent and costs O(n) in total even for 100,000 items;
 * items added or removed meanwhile show up in the next listing, and item fields are read per page.
 */

export interface PageShape {
  /** Return at most this many items per page even when MaxResults allows more (short pages). */
  readonly pageSizeCap?: number;
  /**
   * `first`: every listing starts with an empty page carrying a NextToken.
   * `interleaved`: an empty page (with NextToken) precedes every non-empty page.
   */
  readonly emptyPages?: 'none' | 'first' | 'interleaved';
}

export interface PageRequest {
  /** Identifies the listing (operation and its filters); a token is only valid for the same key. */
  readonly listing: string;
  readonly maxResults: number | undefined;
  readonly nextToken: string | undefined;
  readonly defaultMaxResults: number;
  readonly maxMaxResults: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

/** Why a page request is rejected; the caller turns it into the service's own error. */
export type PageError =
  | { readonly kind: 'invalid-token' }
  | { readonly kind: 'max-results-out-of-range'; readonly min: number; readonly max: number };

interface TokenState {
  readonly listing: string;
  readonly items: readonly unknown[];
  readonly offset: number;
  /** The empty page owed before the item page at `offset` was already served. */
  readonly emptyServed: boolean;
}

export class Paginator {
  private readonly issued = new Map<string, TokenState>();
  private counter = 0;
  shape: PageShape = {};

  constructor(private readonly tokenPrefix: string) {}

  /** `list` is called for the first page only; later pages use its snapshot. */
  page<T>(list: () => readonly T[], request: PageRequest): Page<T> | PageError {
    const { maxResults, nextToken } = request;
    if (maxResults !== undefined && (maxResults < 1 || maxResults > request.maxMaxResults || !Number.isInteger(maxResults))) {
      return { kind: 'max-results-out-of-range', min: 1, max: request.maxMaxResults };
    }
    let state: TokenState;
    if (nextToken !== undefined) {
      const found = this.issued.get(nextToken);
      if (found === undefined || found.listing !== request.listing) return { kind: 'invalid-token' };
      state = found;
    } else {
      state = { listing: request.listing, items: list(), offset: 0, emptyServed: false };
    }
    const all = state.items as readonly T[];
    const emptyPages = this.shape.emptyPages ?? 'none';
    const owesEmpty =
      !state.emptyServed &&
      all.length > state.offset &&
      (emptyPages === 'interleaved' || (emptyPages === 'first' && state.offset === 0));
    if (owesEmpty) {
      return { items: [], nextToken: this.issue({ ...state, emptyServed: true }) };
    }
    const size = Math.min(maxResults ?? request.defaultMaxResults, this.shape.pageSizeCap ?? Number.POSITIVE_INFINITY);
    const end = state.offset + size;
    const items = all.slice(state.offset, end);
    const more = end < all.length;
    return { items, nextToken: more ? this.issue({ ...state, offset: end, emptyServed: false }) : undefined };
  }

  private issue(state: TokenState): string {
    this.counter += 1;
    // Opaque and unguessable enough for a test: a prefix naming the fake plus a counter.
    const token = Buffer.from(`${this.tokenPrefix}:${this.counter}:${state.offset}`).toString('base64');
    this.issued.set(token, state);
    return token;
  }
}

export function isPageError<T>(result: Page<T> | PageError): result is PageError {
  return 'kind' in result;
}
