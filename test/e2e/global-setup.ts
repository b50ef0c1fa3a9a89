import { build } from 'vite';

/** The end-to-end tests drive the built renderer, exactly what `npm start` serves. */
export default async function setup(): Promise<void> {
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
