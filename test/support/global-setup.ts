// Vitest global setup of the integration project: runs the test S3 server and points the AWS_* environment at it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** The bucket every integration test uses (created here, empty at the start of a run). */
export const TEST_BUCKET = 'omnigraph-test';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

interface ReadyLine {
  readonly endpoint: string;
  readonly control: string;
  readonly pid: number;
}

/**
 * Start `test/support/s3-server/main.ts` as a child process, create the test bucket and export the endpoint
 * through `process.env`, which the forked test workers (and any process they spawn) inherit:
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT, AWS_ALLOW_HTTP,
 * AWS_S3_FORCE_PATH_STYLE, AWS_VIRTUAL_HOSTED_STYLE_REQUEST, OMNIGRAPH_TEST_S3_BUCKET, OMNIGRAPH_TEST_S3_CONTROL.
 * Returns the teardown, which stops the server by its process id.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // Test-only noise: the AWS SDK warns about Node 20 once per process.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/s3-server/main.ts', '--exit-on-stdin-close'], {
    cwd: REPO_ROOT,
    env: process.env,
    // stdin is the lifeline: if this process dies, the server sees EOF and exits.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let ready: ReadyLine;
  try {
    ready = await waitForReady(child);
  } catch (err) {
    await stop(child);
    throw err;
  }

  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: 'omnigraph-test',
    AWS_SECRET_ACCESS_KEY: 'omnigraph-test-secret',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: ready.endpoint,
    AWS_ENDPOINT: ready.endpoint,
    AWS_ALLOW_HTTP: 'true',
    AWS_S3_FORCE_PATH_STYLE: 'true',
    AWS_VIRTUAL_HOSTED_STYLE_REQUEST: 'false',
    OMNIGRAPH_TEST_S3_BUCKET: TEST_BUCKET,
    OMNIGRAPH_TEST_S3_CONTROL: ready.control,
  };
  // A developer's real session token or profile must not leak into requests signed with the test keys.
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
  Object.assign(process.env, env);

  const client = new S3Client({ endpoint: ready.endpoint, forcePathStyle: true, region: env['AWS_REGION'] });
  try {
    await client.send(new CreateBucketCommand({ Bucket: TEST_BUCKET }));
  } catch (err) {
    await stop(child);
    throw new Error(`test S3 server at ${ready.endpoint}: creating bucket ${TEST_BUCKET} failed`, { cause: err });
  } finally {
    client.destroy();
  }

  return async () => {
    await stop(child);
  };
}

function waitForReady(child: ChildProcess): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string): void => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`test S3 server (test/support/s3-server/main.ts) ${why}${stderr === '' ? '' : `; stderr:\n${stderr}`}`));
    };
    const timer = setTimeout(() => fail(`printed no ready line within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    child.once('error', (err) => fail(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => fail(`exited before it was ready (code ${code}, signal ${signal})`));
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      // Keep draining both pipes so the server can never block on a full pipe.
      child.stdout?.resume();
      child.stderr?.removeAllListeners('data');
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      try {
        const parsed = JSON.parse(line) as ReadyLine;
        if (typeof parsed.endpoint !== 'string' || typeof parsed.control !== 'string') throw new Error('missing fields');
        resolve(parsed);
      } catch {
        fail(`printed an unexpected first line: ${line}`);
      }
    });
  });
}

/** SIGTERM the server by its pid; SIGKILL it if it is still running after the grace period. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS);
  });
  if ((await Promise.race([exited, graceOver])) === 'timeout' && child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
  child.stdin?.destroy();
}
