import { z } from 'zod';

/**
 * Under the CSP (`script-src 'self'`, no 'unsafe-eval') zod's JIT probe
 * (`new Function`) would be refused and reported as a violation; turn it off.
 * Imported first by main.tsx, before any schema parses.
 */
z.config({ jitless: true });
