export * from './core';
export * from './function';
