import { an, defineFormat, n } from './engine';

/**
 * VDA 4913 "Daten-Fern-Übertragung von Lieferschein- und Transportdaten",
 * version 04 of March 1996, records in version 03 (trailer 02). The VDA's own
 * record descriptions could not be read here (only the title pages of the
 * published PDF copies were reachable), so each field is checked against
 * what secondary sources give, named by letter:
 *
 *   [C] An ERP's VDA 4913 writer (Conzept 16 procedure "Lib_EDI" of
 *       Business-Control, public code), which lists every field of 711, 712,
 *       713, 714 and 719 with its length and Muss/Kann; each of those records
 *       sums to exactly 128 there.
 *   [L] A warehouse system's VDA 4913 classes (C#, GitHub SoftKonzept/SpedLVS):
 *       the field ORDER and names of 715 (fields 03–16,
 *       LVS/ASN/vda4913/Satz715.cs), 715 field 10 "Länge 12 Zeichen", four
 *       each for length, width, height in mm
 *       (LVS/ASN/ASNFormatFunctions/S715F10Abmessungen.cs), and the field
 *       numbers (LVS/ASN/clsASN.cs) of 713 (01–21) and 714 (01–22), which agree with
 *       [C]. For 712 [L] numbers 01–21 where [C] has 22 entries counting the
 *       filler: one of its last two fields (Lademeter, LKW-Art) may be
 *       missing in [L]'s version; we write neither.
 *   [D] A Daimler supplier's goods-receipt schema for VDA 4913 (GitHub
 *       mhaberstock-dirks/temp-sandbox, src/database/dirkspzm32/comments/
 *       isi_avis_pos.sql, isi_avis_pack.sql, isi_avis_hdr.sql and tables/
 *       isi_avis_pack.sql): lengths of 714 quantities (n13, 3 decimals),
 *       country (n3), position (n3), VAT (n3), and of 715 Lieferschein-
 *       Position (N3), Füllmenge (N10,3 = 13), Stapelfaktor (N1),
 *       Verpackungsabmessung (N12 = 4 + 4 + 4), the codes of Label-,
 *       Verpackungs- and Eigentums-Kennung (one letter each), and columns of
 *       22 characters for both packaging numbers (715 fields 03 and 04).
 *   [V] Volkswagen "EDI Implementation Guidelines, Lieferscheindaten VDA
 *       4913/4, Ausg. März 1996", page 12 (yumpu.com document 38776944):
 *       715 field 03 Packmittel-Nummer Kunde M 22 an 6–27; and 712 field 13
 *       carries the forwarder's code (Spediteurscode).
 *
 * Field types (an/n) follow [C]; where our data is alphanumeric and [C] says
 * n (711 customer/supplier number) we keep an, as the 4905 header 511 has it.
 * UNVERIFIED or ASSUMED (no source gives it) is said at each such field below.
 */

export const VDA_4913 = defineFormat({
  name: 'VDA 4913',
  records: {
    '711': {
      title: 'Vorsatz Lieferschein- und Transportdaten',
      // [C] 9, 9, 5, 5, 6, 9, 9, 1, 1 (+ 69 filler).
      fields: [
        an('customerNumber', 9),
        an('supplierNumber', 9),
        n('transmissionOld', 5),
        n('transmissionNew', 5),
        n('transmissionDate', 6),
        an('subSupplier', 9),
        an('forwarder', 9),
        an('storageKey', 1),
        an('deliveryKind', 1),
      ],
    },
    '712': {
      title: 'Transportdaten',
      // [C] all fields (+ 3 filler); [V] field 13 (transportPartner) is the forwarder's code.
      fields: [
        n('shipmentNumber', 8),
        an('supplierPlant', 3),
        an('carrierNumber', 14),
        n('handoverDate', 6),
        n('handoverTime', 4),
        n('grossWeight', 7),
        n('netWeight', 7),
        n('freightTerms', 2),
        an('forwarderKey', 1),
        n('packageCount', 4),
        an('transportPartner', 14),
        n('transportMode', 2),
        an('vehicleId', 25),
        an('transportModeKey2', 1),
        an('transportContent', 8),
        n('arrivalDate', 6),
        n('arrivalTime', 4),
        n('loadingMetres', 3),
        n('truckType', 1),
      ],
    },
    '713': {
      title: 'Lieferscheindaten',
      // [C] all fields (+ 5 filler). Field 19 is a second "Zeichen des Kunden" in [C]; its meaning is unverified.
      fields: [
        n('deliveryNote', 8),
        n('despatchDate', 6),
        an('unloadingPoint', 5),
        n('despatchType', 2),
        an('customerMark', 4),
        an('orderNumber', 12),
        n('processKey', 2),
        an('filler10', 4),
        an('customerPlant', 3),
        n('consignmentStore', 8),
        an('consignee', 9),
        an('filler14', 1),
        an('storageLocation', 7),
        an('supplierNumber', 9),
        an('pointOfUse', 14),
        an('callOffNumber', 4),
        an('customerMark2', 6),
        an('customerDocument', 14),
      ],
    },
    '714': {
      title: 'Positionsdaten',
      // [C] all 20 fields, exactly 128; [D] quantities n13 with 3 decimals, country n3, position n3, VAT n3 (1 decimal).
      fields: [
        an('customerPart', 22),
        an('supplierPart', 22),
        n('countryOfOrigin', 3),
        n('quantity', 13),
        an('unit', 2),
        n('quantity2', 13),
        an('unit2', 2),
        n('vatRate', 3),
        an('filler11', 1),
        n('itemNumber', 3),
        an('callOffKey', 1),
        an('batch', 15),
        an('usageKey', 1),
        an('hazardKey', 8),
        an('preferenceStatus', 1),
        an('customsGoods', 1),
        an('filler19', 1),
        an('stockStatus', 1),
        an('changeKey', 2),
        an('originDeliveryNote', 8),
      ],
    },
    '715': {
      title: 'Packmitteldaten',
      // Order and names [L]. No record description of 715 could be read: only field 03 has cited columns (6–27, [V]).
      // Lengths of 06, 07, 10, 11 and 13–15 are cited [D][L]; those of 04, 05, 08, 09 and 12 are ASSUMED as marked,
      // and the columns of every field after 03 hold only if those assumptions do. The reader refuses a 715 whose
      // Label-Kennung column holds no label code, the first place a differently laid-out 715 shows (vda4913-read.ts).
      fields: [
        // 03, columns 6–27 [V].
        an('packagingCustomer', 22),
        // 04, 28–49: length not in any record description found. 22 as [D]'s column for it (PACKMITTEL_NR_LIEFERANT,
        // VARCHAR2(22)), as field 03, and as 4905's 517 gives both packaging numbers (formats.ts): corroborated, not verified.
        an('packagingSupplier', 22),
        // 05, 50–56: ASSUMED 7. [D]'s comment says N13 (its column is an unsized NUMBER); we keep 7, the width 4905's
        // 517 gives a count of the same packaging (Fassungsvermögen, n7, formats.ts), doubting 13 digits for a count
        // of packages. If [D] is right, fields 06–15 sit six columns further right.
        n('packageCount', 7),
        // 06, 57–59: Lieferschein-Position N3 [D], as 714's position.
        n('itemNumber', 3),
        // 07, 60–72: Füllmenge N10,3 [D], three implied decimals.
        n('quantityPerPackage', 13),
        // 08 and 09, 73–81 and 82–90: ASSUMED 9, the package number of the VDA 4902 label (version 4). [D] keeps
        // package numbers in a 20-character column, which does not settle the record's width.
        n('packageFrom', 9),
        n('packageTo', 9),
        // 10, 91–102: Verpackungsabmessung N12, length, width, height 4 digits each [D][L].
        n('dimensions', 12),
        // 11, 103: Stapelfaktor N1 [D].
        n('stackingFactor', 1),
        // 12, 104–107: ASSUMED 4, the width of the Abruf-Nummer in 713 ([C]) and in [D] (ISI_AVIS_HDR.ABRUF_NR N4).
        an('storageCallOff', 4),
        // 13, 108: Label-Kennung: S single package, M master (same parts), G mixed load (different parts) [D].
        an('labelKind', 1),
        // 14, 109: Verpackungs-Kennung: M returnable, E one-way [D].
        an('packagingKind', 1),
        // 15, 110: Eigentums-Kennung: D, K or L [D].
        an('ownershipKind', 1),
        // Not VDA 4913: Takt writes the package's SSCC into the filler (columns 111–128), which
        // version 03 has no field for; a partner who checks the filler for blanks must be told.
        an('sscc', 18),
      ],
    },
    '719': {
      title: 'Nachsatz',
      // [C] version 02: counts in this order (716 text, 717 and 718 are records we never write).
      fields: ['711', '712', '713', '714', '715', '716', '718', '719', '717'].map((t) => n(`count${t}`, 7)),
    },
  },
});
