/**
 * Money in integer minor units, as API.md writes it. Declared here until `libs/domain` exports
 * its own; the shapes are the same, so values pass between them unchanged.
 */
export interface Money {
  amount: number;
  currency: string;
}
