// Allowances per order line (DOMAIN.md "Allowances per order line"): pure rules, no I/O. PostgreSQL
// enforces them atomically (libs/persistence); these functions say what a line still allows.
export * from './line-allowance.types';
export * from './line-allowance';
export * from './case-amount.split';
export * from './price-protection.allowance';
export * from './quantity-outcome';
