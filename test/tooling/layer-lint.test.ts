import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Proves the layer rules in eslint.config.js bite: a wrong arrow fails lint (DESIGN §1). */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layer import rules', () => {
  it.each([
    ['shared/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['shared/x.ts', "import fs from 'fs';\nexport const r = fs;\n"],
    ['shared/x.ts', "import React from 'react';\nexport const r = React;\n"],
    ['shared/x.ts', "import Dexie from 'dexie';\nexport const r = Dexie;\n"],
    ['shared/x.ts', "import { app } from 'electron';\nexport const r = app;\n"],
    ['shared/x.ts', "import { SerialPort } from 'serialport';\nexport const r = SerialPort;\n"],
    ['shared/x.ts', "import { startServer } from '../server/main';\nexport const r = startServer;\n"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;\n"],
    ['renderer/x.ts', "import { join } from 'node:path';\nexport const r = join;\n"],
    ['renderer/x.ts', "import { SerialPort } from 'serialport';\nexport const r = SerialPort;\n"],
    ['renderer/x.ts', "import { createHost } from '../electron/host/host-services';\nexport const r = createHost;\n"],
    ['electron/host/x.ts', "import { app } from 'electron';\nexport const r = app;\n"],
    // The browser transport runs without Electron (a plain Node process): its files live in electron/host/ under the same rule.
    ['electron/host/browser-host.ts', "import { BrowserWindow } from 'electron';\nexport const r = BrowserWindow;\n"],
    ['electron/host/browser-host-main.ts', "import { ipcMain } from 'electron/main';\nexport const r = ipcMain;\n"],
    ['server/x.ts', "import { SerialPort } from 'serialport';\nexport const r = SerialPort;\n"],
  ])('%s: forbids %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).not.toEqual([]);
  });

  it('forbids environment globals in shared/', async () => {
    expect(await restrictedImportErrors('shared/x.ts', 'export const w = window.location;\n')).not.toEqual([]);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
    ['renderer/x.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n"],
    ['electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/host/x.ts', "import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n"],
    ['server/x.ts', "import { join } from 'node:path';\nexport const j = join;\n"],
  ])('%s: allows %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });
});
