// The s3:// ObjectStore against the project's S3 test server: the shared conformance suite.
import { openObjectStore } from '../../src/store/object/open.js';
import { objectStoreConformance } from '../conformance/object-store.case.js';
import { s3TestUri } from '../support/s3.js';

objectStoreConformance('s3', async () => {
  const uri = s3TestUri('conformance');
  return { store: openObjectStore(uri), uri };
});
