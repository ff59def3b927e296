// Unit tests of the LanceDB storage options derived from a location and the AWS_* environment.
import { describe, expect, it } from 'vitest';
import { parseStorageUri } from '../object/uri.js';
import { STABLE_ROW_IDS_OPTION, lanceStorageOptions } from './storage-options.js';

const S3_ENV = {
  AWS_ACCESS_KEY_ID: 'ak',
  AWS_SECRET_ACCESS_KEY: 'sk',
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9999',
  AWS_ENDPOINT: 'http://ignored:1',
  AWS_ALLOW_HTTP: 'true',
  AWS_S3_FORCE_PATH_STYLE: 'true',
};

describe('lanceStorageOptions', () => {
  it('asks for stable row ids on local disk and passes nothing else', () => {
    expect(lanceStorageOptions(parseStorageUri('/tmp/g'), S3_ENV)).toEqual({ [STABLE_ROW_IDS_OPTION]: 'true' });
  });

  it('passes endpoint, region, allow_http, keys and path style for s3://', () => {
    expect(lanceStorageOptions(parseStorageUri('s3://bucket/p'), S3_ENV)).toEqual({
      [STABLE_ROW_IDS_OPTION]: 'true',
      aws_endpoint: 'http://127.0.0.1:9999',
      aws_region: 'us-east-1',
      allow_http: 'true',
      aws_access_key_id: 'ak',
      aws_secret_access_key: 'sk',
      aws_virtual_hosted_style_request: 'false',
    });
  });

  it('prefers an explicit AWS_VIRTUAL_HOSTED_STYLE_REQUEST and falls back to AWS_ENDPOINT', () => {
    const opts = lanceStorageOptions(parseStorageUri('s3://bucket'), { AWS_ENDPOINT: 'http://e:1', AWS_VIRTUAL_HOSTED_STYLE_REQUEST: 'true', AWS_S3_FORCE_PATH_STYLE: 'true' });
    expect(opts['aws_endpoint']).toBe('http://e:1');
    expect(opts['aws_virtual_hosted_style_request']).toBe('true');
  });

  it('omits settings whose variables are unset or empty', () => {
    expect(lanceStorageOptions(parseStorageUri('s3://bucket'), { AWS_REGION: '' })).toEqual({ [STABLE_ROW_IDS_OPTION]: 'true' });
  });
});
