import { readFileSync } from 'node:fs';

/** The example data of a template (assets/labels/examples), as `takt label render` uses it. */
export const example = (id: string): unknown => JSON.parse(readFileSync(new URL(`../../../assets/labels/examples/${id}.json`, import.meta.url), 'utf8'));
