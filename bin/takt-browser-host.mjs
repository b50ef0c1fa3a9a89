#!/usr/bin/env node
// The terminal host behind the browser transport (electron/host/browser-host-main.ts),
// from the same build as `takt`: one JSON ready line on stdout.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { currentNodeBuild } from './node-build.mjs';

const build = await currentNodeBuild();
await import(pathToFileURL(join(build, 'electron', 'host', 'browser-host-main.mjs')).href);
