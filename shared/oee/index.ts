export * from './fold';
export * from './intervals';
export * from './shift-calendar';
export * from './timeline';
export * from './figures';
export * from './report';
export * from './live';
export * from './live-index';
