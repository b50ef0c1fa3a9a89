import { build } from 'vite';

/** The end-to-end tests drive the built renderer and web pages, exactly what `npm start` and `takt server` serve. */
export default async function setup(): Promise<void> {
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  await build({ configFile: new URL('../../vite.web.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
