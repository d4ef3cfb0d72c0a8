import { PostalAddress } from './address.types';
import { Money } from './money.types';

/** The item categories the order system reports (the platform's list, as `libs/domain` knows it). */
export const ORDER_CATEGORIES = [
  'GENERAL',
  'ELECTRONICS',
  'FRESH',
  'CUSTOM',
  'DIGITAL',
  'PERIODICAL',
] as const;

/** An item category as the order system reports it. */
export type OrderCategory = (typeof ORDER_CATEGORIES)[number];

/** The customer tiers the order system reports. */
export const ORDER_CUSTOMER_TIERS = ['STANDARD', 'TRUSTED'] as const;

/** A customer tier as the order system reports it. */
export type OrderCustomerTier = (typeof ORDER_CUSTOMER_TIERS)[number];

/** One line of an order: what was bought, how many, and what was paid per unit after discounts. */
export interface OrderLine {
  lineId: string;
  sku: string;
  category: OrderCategory;
  supplierId: string;
  /** 0 when the item has no warranty. */
  warrantyMonths: number;
  /** Whether it is a portable electronic (the defect-report window of electronics). */
  portable: boolean;
  quantity: number;
  /** Paid per unit after discounts, in minor units. */
  unitPaid: Money;
}

/** An order as the order system, the source of truth of money facts, reports it. */
export interface Order {
  orderId: string;
  customerId: string;
  merchantId: string;
  customerTier: OrderCustomerTier;
  /** ISO 8601 UTC. */
  paidAt: string;
  /** ISO 8601 UTC, or null when not delivered yet. */
  deliveredAt: string | null;
  /** Whether the order carried return-shipping insurance. */
  shippingInsurance: boolean;
  /** Where the order was shipped (and a replacement goes), or null when the order system has none. */
  shipTo: PostalAddress | null;
  lines: OrderLine[];
}

/** A SKU's current catalogue price (what price protection compares against). */
export interface CataloguePrice {
  sku: string;
  price: Money;
}
