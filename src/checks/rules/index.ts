import { SecurityRule } from '../security-rule';

/**
 * Every rule of the pack, service by service. Each service's folder lists its rules with their
 * data in its own `index.ts`; this file only joins the lists.
 */
export const ALL_RULES: readonly SecurityRule[] = [
];
