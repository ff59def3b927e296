// Listing every object under a prefix by following `listPage` cursors; shared by every ObjectStore backend.
import type { ListOptions, ListPage, ObjectMeta } from './types.js';

/** Every object `listPage` returns for `prefix`, page after page. */
export async function* listAllPages(listPage: (prefix: string, options?: ListOptions) => Promise<ListPage>, prefix: string): AsyncIterable<ObjectMeta> {
  let cursor: string | undefined;
  do {
    const page: ListPage = await listPage(prefix, cursor === undefined ? {} : { cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}
