export * from './core';
export * from './function';
export * from './checks';
