#!/usr/bin/env node
// The `takt` command: plain Node running the build in dist/node (built on
// first use after a source change, see node-build.mjs).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { currentNodeBuild } from './node-build.mjs';

const build = await currentNodeBuild();
const { main } = await import(pathToFileURL(join(build, 'scripts', 'cli.mjs')).href);
process.exitCode = await main(process.argv.slice(2));
