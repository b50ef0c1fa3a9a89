import { an, defineFormat, n } from './engine';

/**
 * Field tables of the VDA recommendations this plant exchanges, written from
 * their record descriptions (VDA 4905 "Datenfernübertragung von
 * Lieferabrufen", issue 4, April 1996; VDA 4915 "Datenfernübertragung von
 * Feinabrufen"; VDA 4913 "Datenfernübertragung von Lieferschein- und
 * Transportdaten", version 4, April 1996). Each record is: Satzart (3),
 * Version (2), then these fields in order; the remainder of the 128
 * characters is filler (Leerzeichen).
 */

const header = [an('customerNumber', 9), an('supplierNumber', 9), n('transmissionOld', 5), n('transmissionNew', 5), n('transmissionDate', 6)];

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
        n('callOffNew', 4),
        n('callOffDateNew', 6),
        n('callOffOld', 4),
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
    '515': { title: 'Zusatzinformationen', fields: [n('productionReleaseDate', 6), n('materialReleaseDate', 6), n('cumulativeProductionRelease', 10), n('cumulativeMaterialRelease', 10)] },
    '517': { title: 'Packmitteldaten', fields: [an('text', 123)] },
    '518': { title: 'Lieferabruftext', fields: [an('text', 123)] },
    '519': { title: 'Nachsatz', fields: ['511', '512', '513', '514', '515', '517', '518'].map((t) => n(`count${t}`, 7)) },
  },
});

export const VDA_4915 = defineFormat({
  name: 'VDA 4915',
  records: {
    '551': { title: 'Vorsatz Feinabruf', fields: header },
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
    // Time slots of the JIT call-off: date, hour and minute, quantity; up to eight per record.
    '553': { title: 'Feinabrufmengen', fields: Array.from({ length: 8 }, (_, i) => [n(`date${i + 1}`, 6), n(`time${i + 1}`, 4), n(`quantity${i + 1}`, 5)]).flat() },
    '559': { title: 'Nachsatz', fields: ['551', '552', '553'].map((t) => n(`count${t}`, 7)) },
  },
});

export const VDA_4913 = defineFormat({
  name: 'VDA 4913',
  records: {
    '711': { title: 'Vorsatz Lieferschein- und Transportdaten', fields: header },
    '712': {
      title: 'Transportdaten',
      fields: [n('shipmentNumber', 8), an('plant', 3), an('carrierNumber', 14), n('despatchDate', 6), n('despatchTime', 4), n('grossWeight', 7), n('netWeight', 7), an('incoterms', 2), n('packageCount', 4), an('transportMode', 2), an('vehicleId', 25)],
    },
    '713': { title: 'Lieferscheindaten', fields: [n('deliveryNote', 8), n('deliveryDate', 6), an('unloadingPoint', 5), an('despatchType', 2), an('orderNumber', 12)] },
    '714': {
      title: 'Positionsdaten',
      fields: [an('customerPart', 22), an('supplierPart', 22), an('countryOfOrigin', 3), n('quantity', 13), an('unit', 2), an('changeLevel', 10), an('batch', 15), n('callOffNumber', 4)],
    },
    '715': {
      title: 'Packmitteldaten',
      fields: [an('packagingCustomer', 22), an('packagingSupplier', 22), n('packageCount', 4), n('labelFrom', 9), n('labelTo', 9), n('quantityPerPackage', 13), an('sscc', 18)],
    },
    '719': { title: 'Nachsatz', fields: ['711', '712', '713', '714', '715'].map((t) => n(`count${t}`, 7)) },
  },
});
