import { build } from 'vite';
// @ts-expect-error plain JavaScript (it runs before anything is built), so it has no types
import { currentNodeBuild } from '../../bin/node-build.mjs';

/** The end-to-end tests drive the built renderer, web pages, server, CLI and host, exactly what `npm start` and `takt server` run. */
export default async function setup(): Promise<void> {
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  await build({ configFile: new URL('../../vite.web.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  // Built once here, so the processes the tests start at the same moment do not each build it.
  await currentNodeBuild();
}
