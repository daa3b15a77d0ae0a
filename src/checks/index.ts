export * from './risk-category';
export * from './serverless-security-checks';
