import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { runTaktApp } from './app-main';

/** Electron entry point; all logic lives in app-main.ts and its helpers. */
runTaktApp({ app, BrowserWindow, dialog, ipcMain, Menu, protocol, session });
