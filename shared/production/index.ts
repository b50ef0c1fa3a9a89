// Public surface of the production domain: order execution fold,
// lifecycle commands, material check, good parts, scrap, containers, the
// shift-lead override and the local trace. Everything pure; `now` is injected.
export * from './verdict';
export * from './time';
export * from './override';
export * from './order-state';
export * from './order-commands';
export * from './material-check';
export * from './parts';
export * from './scrap';
export * from './containers';
export * from './counts';
export * from './trace';
