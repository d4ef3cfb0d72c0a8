export * from './codec.errors';
export * from './encryption-keys';
export * from './encryption.codec';
export * from './codec.factory';
