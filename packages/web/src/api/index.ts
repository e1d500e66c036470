export * from './client';
export * from './keys';
export type * from './types';
