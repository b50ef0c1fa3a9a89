// Public surface of the sequence engine: state and fold, part-label
// reading, verification, breaks, call-off revisions, racks and cache age.
export * from './part-label';
export * from './state';
export * from './fold';
export * from './verify';
export * from './breaks';
export * from './revision';
export * from './racks';
export * from './stale';
export * from './line-config';
