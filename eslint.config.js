// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer rules (DESIGN §1) as lint, so a wrong import fails CI instead of a
 * review. test/tooling/layer-lint.test.ts proves each rule bites.
 */
// Bare built-in names go in `paths` (exact match): as patterns they would also
// match relative files such as './events'.
const bareNodeBuiltins = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'events', 'url', 'util', 'worker_threads'];
const noNodeOrDevices = (extra = []) => ({
  paths: bareNodeBuiltins.map((name) => ({ name, message: 'Node built-ins belong to electron/ or server/.' })),
  patterns: [
    { group: ['node:*'], message: 'Node built-ins belong to electron/ or server/.' },
    { group: ['electron', 'electron/*'], message: 'Only electron/ may import electron.' },
    { group: ['serialport', '@serialport/*'], message: 'Devices belong to the host (electron/host).' },
    ...extra,
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.takt/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        noNodeOrDevices([
          { group: ['react', 'react-dom', 'react/*', 'dexie', 'zustand', 'fastify', 'kysely', 'pino', 'better-sqlite3', 'pg', 'ws'], message: 'shared/ is pure: no environment-specific packages.' },
          { group: ['**/renderer/**', '**/electron/**', '**/server/**'], message: 'shared/ imports nothing from other layers.' },
        ]),
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'navigator', 'localStorage', 'indexedDB'],
    },
  },
  {
    // Named loggers (shared/log.ts) reach the terminal's log file; a raw console call reaches nobody in a kiosk.
    files: ['renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        noNodeOrDevices([
          { group: ['fastify', 'kysely', 'better-sqlite3', 'pg', 'ws', 'pino'], message: 'renderer/ holds no server or host code.' },
          { group: ['**/electron/**', '**/server/**'], message: 'renderer/ reaches the host only through the bridge.' },
        ]),
      ],
    },
  },
  {
    // The plant's web pages: a browser bundle like the renderer; the server's trace types only as types.
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        noNodeOrDevices([
          { group: ['fastify', 'kysely', 'better-sqlite3', 'pg', 'ws', 'pino', 'dexie'], message: 'web/ holds no server code.' },
          { group: ['**/electron/**'], message: 'web/ talks to the server only over HTTP.' },
          { group: ['**/server/**'], message: 'web/ may import the server\'s answer types only (import type).', allowTypeImports: true },
        ]),
      ],
    },
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'Host services run without Electron (browser transport); keep electron imports in the glue files.' },
            { group: ['**/renderer/**', '**/server/**', 'react', 'dexie'], message: 'The host does not import the renderer or the server.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', 'serialport', 'react', 'dexie', 'zustand'], message: 'server/ owns the plant record, not devices or UI.' },
            { group: ['**/renderer/**', '**/electron/**'], message: 'server/ imports only shared/.' },
          ],
        },
      ],
    },
  },
);
