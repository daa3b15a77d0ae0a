export * from './core';
export * from './function';
export * from './api';
export * from './storage';
export * from './checks';
export * from './aspects';
