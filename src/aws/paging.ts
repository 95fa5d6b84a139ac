/** Follows a paginated listing to its end: only a missing (or empty) token ends it, whatever a page holds. */
export async function collectPages<T>(fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    all.push(...(page.items ?? []));
    token = page.next;
  } while (token !== undefined && token !== '');
  return all;
}
