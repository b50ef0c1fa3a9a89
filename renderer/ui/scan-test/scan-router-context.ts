import { createContext } from 'react';
import { appScanRouter, type ScanRouter } from '../../scan/scan-router';

/** The scan router screens capture from; tests provide their own. */
export const ScanRouterContext = createContext<ScanRouter>(appScanRouter);
