export * from './app';
export * from './contract';
export * from './define';
export * from './errors';
export * from './port';
export * from './protocol';
export * from './webSocket';
