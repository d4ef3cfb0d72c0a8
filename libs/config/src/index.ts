export * from './runtime-config';
export * from './policy-file';
