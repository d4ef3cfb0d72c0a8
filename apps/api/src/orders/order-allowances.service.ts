import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { lineAllowance, Money } from '../../../../libs/domain/src';
import { OrderSystemClient } from '../../../../libs/integrations/src';
import { OrderLineAllowances } from '../../../../libs/persistence/src';
import type { TokenClaims } from '../auth/tokens';
import { DATA_SOURCE } from '../common/tokens';
import { assertOrderAccess, fetchOrder, ORDER_SYSTEM } from './order-system.provider';

/** One line of `GET /v1/orders/{orderId}/allowances` (API.md, plus `reserved`: refunds not yet paid). */
export interface OrderLineAllowanceView {
  lineId: string;
  sku: string;
  ordered: number;
  heldByOpenCases: number;
  returned: number;
  returnable: number;
  paid: Money;
  reserved: Money;
  refunded: Money;
  refundable: Money;
}

/** `GET /v1/orders/{orderId}/allowances`. */
export interface OrderAllowancesView {
  orderId: string;
  lines: OrderLineAllowanceView[];
}

/** What each line of an order still allows: the order system's lines, with the holds PostgreSQL keeps. */
@Injectable()
export class OrderAllowancesService {
  private readonly allowances: OrderLineAllowances;

  constructor(
    @Inject(ORDER_SYSTEM) private readonly orders: OrderSystemClient,
    @Inject(DATA_SOURCE) dataSource: DataSource,
  ) {
    this.allowances = new OrderLineAllowances(dataSource);
  }

  /** The order's lines (in the order system's order) for its customer, its merchant or ops. */
  async forCaller(caller: TokenClaims, orderId: string): Promise<OrderAllowancesView> {
    const order = await fetchOrder(this.orders, orderId);
    assertOrderAccess(caller, order);
    const stored = new Map((await this.allowances.readOrder(orderId)).map((line) => [line.lineId, line]));
    return {
      orderId,
      lines: order.lines.map((line) => {
        const held = stored.get(line.lineId);
        if (held) return { ...held };
        // No case asked about this line yet: it allows all it was ordered and paid.
        return { sku: line.sku, ...lineAllowance(line, { quantities: [], refunds: [] }) };
      }),
    };
  }
}
