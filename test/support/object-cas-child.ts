// Child process for kill tests: one putIfMatch on a file:// store, with whatever OMNIGRAPH_FAILPOINTS says.
import { createFileObjectStore } from '../../src/store/object/file.js';
import type { VersionToken } from '../../src/store/object/types.js';

const [root, key, token, body] = process.argv.slice(2) as [string, string, string, string];
const store = createFileObjectStore(root);
const result = await store.putIfMatch(key, new TextEncoder().encode(body), token as VersionToken);
process.stdout.write(`${JSON.stringify(result)}\n`);
