#!/usr/bin/env node
// The govsim command, from the compiled package (npm run build writes dist/).
await import('../dist/src/cli/bin.js');
