import { an, defineFormat, n } from './engine';

export { VDA_4913 } from './format-4913';

/**
 * Field tables of the VDA call-offs this plant reads. Each record is Satzart
 * (3), Version (2), then these fields in order; the rest of the 128
 * characters is filler (Leerzeichen). VDA 4913 (what we send) has a file of
 * its own, format-4913.ts, with its sources.
 *
 * VDA 4905 "Daten-Fern-Übertragung von Lieferabrufen", issue 4, April 1996:
 * every field of 511–519 checked against two secondary sources that agree
 * field for field and sum each record to 128:
 *   [E] EdiFabric's VDA rules (GitHub EdiFabric/EDIFACT.NET, Rules.Vda/EF_VDA_Segments.cs),
 *   [C] an ERP's VDA 4905 reader (Conzept 16 "Lib_EDI", Business-Control).
 * Checking them corrected three records of the earlier table: the call-off
 * numbers of 512 are 9 digits (not 4), 515 gives start and end date of each
 * release before its cumulative quantity, and 519 counts 517, 518 and 519
 * before 515.
 *
 * VDA 4915 "Daten-Fern-Übertragung von Feinabrufen": UNVERIFIED but for the
 * header. No record description of 552, 553 or 559 was found, nor any public
 * reader, writer or sample file of them. Searched (December 2026): the stored
 * web pages, documentation and issue corpora (VDA's and carmakers' guides,
 * EDI vendors' pages: only 4905 and 4913 descriptions, and of those only
 * title pages, were reachable), and public code: EdiFabric's VDA rules
 * [E] and its VDA.NET examples hold 4905 only; the ERP [C] imports 4905
 * only; a warehouse system (GitHub SoftKonzept/SpedLVS) and a Daimler
 * supplier's schema (GitHub mhaberstock-dirks/temp-sandbox) handle 4913
 * only. What is known, and what each record of the table assumes:
 *   551 header: laid out as 511, which [E] and [C] confirm field for field.
 *       An ERP's field help (oxaion, "ATUEBN",
 *       https://docs.oxaion.de/spaces/open/pages/13821258/ATUEBN) puts the
 *       Übertragungsnummer (neu) in field 06 of both 511 and 551 and gives
 *       its numbers as five digits with leading zeros: fields 05 and 06 of
 *       551 as in 511. The other fields (03, 04, 07, 08) follow 511 by
 *       analogy only.
 *   552 part data: every length ASSUMED. The order (plant, new and old
 *       call-off number with dates, both part numbers, unloading point, unit,
 *       cumulative received, last delivery note and its date) is the earlier
 *       table's. Plant 3, part numbers 22, unloading point 5 and unit 2 are
 *       the lengths of the same fields in 512; the call-off numbers are 5
 *       here but 9 in 512 [E][C], the first thing to check on a sample file.
 *   553 slots: ASSUMED eight slots of date (6), time HHMM (4), quantity (5).
 *       The reader refuses a slot time that is no time of day and a quantity
 *       without a date, so a file laid out otherwise fails, naming the field,
 *       rather than giving quantities read from the wrong columns.
 *   559 trailer: ASSUMED to count 551, 552 and 553, in that order, 7 digits
 *       each as 519 does; a wrong guess costs a warning, not the call-off.
 * A partner's sample file or the recommendation itself is needed to settle
 * 552–559.
 */

const header = [an('customerNumber', 9), an('supplierNumber', 9), n('transmissionOld', 5), n('transmissionNew', 5), n('transmissionDate', 6), n('zeroingDate', 6)];

/** The record types 519 counts, in the order of its fields [E][C]. */
export const VDA_4905_TRAILER_COUNTS = ['511', '512', '513', '514', '517', '518', '519', '515'] as const;

const datePairs = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => [n(`date${from + i}`, 6), n(`quantity${from + i}`, 9)]).flat();

export const VDA_4905 = defineFormat({
  name: 'VDA 4905',
  records: {
    '511': { title: 'Vorsatz Lieferabruf', fields: header },
    '512': {
      title: 'Lieferabrufdaten',
      fields: [
        an('plant', 3),
        n('callOffNew', 9),
        n('callOffDateNew', 6),
        n('callOffOld', 9),
        n('callOffDateOld', 6),
        an('customerPart', 22),
        an('supplierPart', 22),
        an('orderNumber', 12),
        an('unloadingPoint', 5),
        an('customerMark', 4),
        an('unit', 2),
        an('interval', 1),
        an('productionRelease', 1),
        an('materialRelease', 1),
        an('usageKey', 1),
        an('accountKey', 7),
        an('storageLocation', 7),
      ],
    },
    '513': {
      title: 'Abrufdaten',
      fields: [n('lastReceiptDate', 6), n('lastDeliveryNote', 8), n('lastDespatchDate', 6), n('lastQuantity', 12), n('cumulativeReceived', 10), ...datePairs(1, 5)],
    },
    '514': { title: 'Abrufdaten Fortsetzung', fields: datePairs(6, 8) },
    '515': {
      title: 'Zusatzinformationen',
      fields: [
        n('productionReleaseFrom', 6),
        n('productionReleaseTo', 6),
        n('cumulativeProductionRelease', 10),
        n('materialReleaseFrom', 6),
        n('materialReleaseTo', 6),
        n('cumulativeMaterialRelease', 10),
        an('additionalPart', 22),
        an('intermediateSupplier', 9),
        n('horizonDate', 6),
        an('pointOfUse', 14),
        n('cumulativeAtZeroing', 10),
      ],
    },
    '517': { title: 'Packmitteldaten', fields: [an('packagingCustomer', 22), an('packagingSupplier', 22), n('capacity', 7)] },
    '518': { title: 'Lieferabruftext', fields: [an('text1', 40), an('text2', 40), an('text3', 40)] },
    '519': { title: 'Nachsatz', fields: VDA_4905_TRAILER_COUNTS.map((t) => n(`count${t}`, 7)) },
  },
});

export const VDA_4915 = defineFormat({
  name: 'VDA 4915',
  records: {
    '551': { title: 'Vorsatz Feinabruf', fields: header },
    // Every length ASSUMED (see above): no record description of 552 was found.
    '552': {
      title: 'Feinabrufdaten',
      fields: [
        an('plant', 3),
        n('callOffNew', 5),
        n('callOffDateNew', 6),
        n('callOffOld', 5),
        n('callOffDateOld', 6),
        an('customerPart', 22),
        an('supplierPart', 22),
        an('unloadingPoint', 5),
        an('unit', 2),
        n('cumulativeReceived', 10),
        n('lastDeliveryNote', 8),
        n('lastReceiptDate', 6),
      ],
    },
    // ASSUMED (see above): eight slots of date YYMMDD, time HHMM, quantity; no record description of 553 was found.
    '553': { title: 'Feinabrufmengen', fields: Array.from({ length: 8 }, (_, i) => [n(`date${i + 1}`, 6), n(`time${i + 1}`, 4), n(`quantity${i + 1}`, 5)]).flat() },
    // ASSUMED (see above): which records 559 counts, and in which order.
    '559': { title: 'Nachsatz', fields: ['551', '552', '553'].map((t) => n(`count${t}`, 7)) },
  },
});
