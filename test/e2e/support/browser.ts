import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser build). */
export const CHROMIUM_PATH = process.env.TAKT_CHROMIUM ?? '/usr/bin/chromium';

/** The flags every test Chromium runs with: nothing may call out to the internet. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
] as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
}
