/**
 * The most rows one page of a list holds (the API refuses more, 422): what a view that needs a
 * list whole (a branch's board, a picker) asks for, warning when the list holds more.
 */
export const WHOLE_LIST_PER_PAGE = 500;

/** The most rows one page of the member list holds (its own bound: 422 past it). */
export const MEMBERS_PER_PAGE_MAX = 200;

/** The rows a server-paged table shows at first; the user may choose another size. */
export const TABLE_PER_PAGE = 20;

/** The page sizes a server-paged table offers. */
export const PAGE_SIZE_OPTIONS = [20, 50, 100, 200];

/** A page of a list as the API answers it. */
export type ListPage = { items: unknown[]; total: number };

/** The first of `pages` the server cut short (more rows than the page holds), if any. */
export function truncated(
  ...pages: (ListPage | undefined)[]
): { shown: number; total: number } | null {
  for (const page of pages) {
    if (page !== undefined && page.total > page.items.length) {
      return { shown: page.items.length, total: page.total };
    }
  }
  return null;
}
