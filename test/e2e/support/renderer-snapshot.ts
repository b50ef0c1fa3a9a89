import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes';

/**
 * A private copy of the built renderer (or of another build, `base` being the
 * path its index.html names assets under, /web/ for the web pages): another e2e file's global setup may
 * rebuild dist/renderer (emptying it first) while this shift is running. Taken
 * only when index.html and every asset it names are there.
 */
export async function snapshotRenderer(build = 'dist/renderer', base = '/'): Promise<string> {
  const source = join(ROOT, build);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const copy = mkdtempSync(join(tmpdir(), 'takt-shift-renderer-'));
    try {
      const html = readFileSync(join(source, 'index.html'), 'utf8');
      cpSync(source, copy, { recursive: true });
      const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => (m[1] as string).replace(/^\//, '').replace(base.replace(/^\//, ''), ''));
      if (readFileSync(join(copy, 'index.html'), 'utf8') === html && assets.every((a) => existsSync(join(copy, a)))) return copy;
    } catch {
      // mid-build: try again
    }
    rmSync(copy, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`no complete renderer build in ${source}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
