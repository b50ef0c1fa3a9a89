#!/usr/bin/env node
// The `takt` command. The sources are TypeScript; tsx compiles them on load so
// the same files run in development, in tests and from the command line.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/cli.ts');
process.exitCode = await main(process.argv.slice(2));
