// LanceDB storage options for a location: stable row ids always, S3 settings from the AWS_* environment.
import type { StorageLocation } from '../object/uri.js';

/** The storage option that makes every table created on a connection use stable row ids. */
export const STABLE_ROW_IDS_OPTION = 'new_table_enable_stable_row_ids';

/** One LanceDB (object_store) option fed from the first environment variable of the list that is set. */
const S3_FROM_ENV: ReadonlyArray<readonly [option: string, envNames: readonly string[]]> = [
  ['aws_endpoint', ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT']],
  ['aws_region', ['AWS_REGION', 'AWS_DEFAULT_REGION']],
  ['allow_http', ['AWS_ALLOW_HTTP']],
  ['aws_access_key_id', ['AWS_ACCESS_KEY_ID']],
  ['aws_secret_access_key', ['AWS_SECRET_ACCESS_KEY']],
  ['aws_session_token', ['AWS_SESSION_TOKEN']],
  ['aws_virtual_hosted_style_request', ['AWS_VIRTUAL_HOSTED_STYLE_REQUEST']],
];

/**
 * The `storageOptions` a LanceDB connection to `location` gets. Every connection asks for stable row
 * ids on the tables it creates (the row-version columns read 1 without them). For `s3://`, the
 * endpoint, region, `allow_http`, keys, session token and addressing style come from the environment
 * when set; `AWS_S3_FORCE_PATH_STYLE=true` (the AWS SDK's spelling) means path-style requests.
 * @example
 * lanceStorageOptions(parseStorageUri('s3://b/p'), process.env);
 * // {new_table_enable_stable_row_ids: 'true', aws_endpoint: 'http://127.0.0.1:9000', ...}
 */
export function lanceStorageOptions(location: StorageLocation, env: NodeJS.ProcessEnv): Record<string, string> {
  const options: Record<string, string> = { [STABLE_ROW_IDS_OPTION]: 'true' };
  if (location.kind !== 's3') return options;
  for (const [option, envNames] of S3_FROM_ENV) {
    const value = envNames.map((n) => env[n]).find((v) => v !== undefined && v !== '');
    if (value !== undefined) options[option] = value;
  }
  if (options['aws_virtual_hosted_style_request'] === undefined && env['AWS_S3_FORCE_PATH_STYLE']?.toLowerCase() === 'true') {
    options['aws_virtual_hosted_style_request'] = 'false';
  }
  return options;
}
