#!/usr/bin/env node
// Entry point of the `omnigraph` binary.
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
process.exitCode = code;
