// Entry point of the test S3 server: `node --import tsx test/support/s3-server/main.ts [--log FILE] [--port N] [--exit-on-stdin-close]`.
//
// Prints one JSON line on stdout when ready: {"endpoint":"http://127.0.0.1:PORT","control":"…/__control","pid":N}.
// Creates no bucket. Stops cleanly on SIGTERM or SIGINT. With --exit-on-stdin-close it also stops when its
// stdin closes, so a crashed parent (test runner) never leaves it behind. OMNIGRAPH_S3_LOG=FILE is the same as --log.
import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { startS3TestServer } from './server.js';

// Test-only noise: the AWS SDK (used for the proxy's HEADs) warns about Node 20 once per process.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const { values } = parseArgs({
  options: {
    log: { type: 'string' },
    port: { type: 'string' },
    'exit-on-stdin-close': { type: 'boolean', default: false },
  },
});

const logPath = values.log ?? process.env['OMNIGRAPH_S3_LOG'];
const log: WriteStream | undefined = logPath === undefined || logPath === '' ? undefined : createWriteStream(logPath, { flags: 'a' });
const server = await startS3TestServer({ port: values.port === undefined ? 0 : Number(values.port), ...(log ? { log } : {}) });

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code), 3_000);
  force.unref();
  try {
    await server.close();
    if (log !== undefined) await new Promise<void>((resolve) => log.end(resolve));
  } finally {
    process.exit(code);
  }
}

process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
if (values['exit-on-stdin-close']) {
  process.stdin.on('end', () => void stop(0));
  process.stdin.on('close', () => void stop(0));
  process.stdin.resume();
}

process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, control: server.control, pid: process.pid })}\n`);
