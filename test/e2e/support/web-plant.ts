import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildServer } from '../../../server/app';
import { issueAdminToken, registerTerminal } from '../../../server/credentials-store';
import { DEMO_HOUSING_GTIN } from '../../../server/demo/demo-data';
import { upsertMaster } from '../../../server/master-data-store';
import { addUser } from '../../../server/users/user-store';
import { ASSEMBLY, PACKING, assemblyEvents, packingEvents } from '../../server/support/genealogy-fixture';
import { addOrder, push } from '../../server/support/test-server';
import { createTestDatabase, type TestDatabase } from '../../server/support/test-database';

/**
 * A plant server for the web pages over real HTTP on a real database, with
 * the genealogy shift of the server tests pushed through the sync API (so
 * the trace answers are known), the housing material with its GTIN (so a
 * scanned label resolves), and one person per role.
 */

export const PASSWORD = 'Werk-Nord-2025!';
export const USERS = { quality: 'mueller', 'shift-lead': 'schmidt', 'plant-it': 'weber', viewer: 'gast' } as const;
const NAMES: Record<string, string> = { mueller: 'Anna Müller', schmidt: 'Jörg Schmidt', weber: 'Lena Weber', gast: 'Gast' };
/** A GS1-128 batch label of the housing, as a hand scanner types it (AIM ]C1, GTIN, batch H-200). */
export const HOUSING_LABEL = `]C101${DEMO_HOUSING_GTIN}10H-200`;

export interface WebPlant {
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  adminToken: string;
  terminalTokens: Record<string, string>;
  close(): Promise<void>;
}

/** The fixture's shipments with the delivery note numbers the dispatch screen books (SH-1 → 4711001, …). */
function withDeliveryNotes(events: ReturnType<typeof packingEvents>): ReturnType<typeof packingEvents> {
  return events.map((e) =>
    e.type === 'ShipmentDispatched' ? { ...e, payload: { ...e.payload, deliveryNoteNumber: `471100${String(e.payload.shipmentId).slice(3)}` } } : e,
  );
}

export async function startWebPlant(): Promise<WebPlant> {
  const database = await createTestDatabase();
  const app = buildServer({ db: database.db, dialect: database.dialect });
  const admin = await issueAdminToken(database.db, 'ERP');
  const tokens = { [ASSEMBLY]: (await registerTerminal(database.db, { id: ASSEMBLY, lineId: 'L1' })).token, [PACKING]: (await registerTerminal(database.db, { id: PACKING, lineId: 'L1' })).token };
  await addOrder(database.db, 'ORD-1', 'L1');
  await addOrder(database.db, 'ORD-2', 'L1');
  const material = await upsertMaster(database.db, 'material', { id: 'M-HOUSING', number: 'M-HOUSING', name: 'Gehäuse', gtin: DEMO_HOUSING_GTIN });
  if (!material.ok) throw new Error(material.error.message);
  const lead = await upsertMaster(database.db, 'operator', { id: 'OP-9001', name: 'Petra', badge: 'B9001', role: 'shift-lead', lineIds: ['L1'], pinHash: 'scrypt$32768$8$1$00$00' } as never);
  if (!lead.ok) throw new Error(lead.error.message);
  for (const [terminal, events] of [
    [PACKING, withDeliveryNotes(packingEvents())],
    [ASSEMBLY, assemblyEvents()],
  ] as const) {
    const res = await push(app, tokens[terminal] ?? '', terminal, events);
    if (res.statusCode !== 200) throw new Error(`push ${terminal}: ${res.body}`);
  }
  for (const [role, username] of Object.entries(USERS)) {
    const added = await addUser(database.db, { username, role, password: PASSWORD, displayName: NAMES[username] ?? username });
    if (!added.ok) throw new Error(added.error.message);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    database,
    adminToken: admin.token,
    terminalTokens: tokens,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A fresh browser context logged in on the web pages as `username`. */
export async function loginPage(browser: Browser, plant: WebPlant, username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${plant.url}/web/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('web-user').waitFor({ timeout: 15_000 });
  return page;
}
