#!/usr/bin/env node
// Entry of the `aio-dash` command. The CLI is TypeScript in src/cli and shares src/core with the
// web app; tsx (a runtime dependency) loads it without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
