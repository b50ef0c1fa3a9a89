export * from './tokenize';
export * from './charset';
export * from './interchange';
export * from './write';
