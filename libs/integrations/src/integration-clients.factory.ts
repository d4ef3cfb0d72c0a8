import { CarrierClient } from './carrier.client';
import { InsuranceClient } from './insurance.client';
import { IntegrationsConfig } from './integrations.config';
import { FetchFunction } from './json-http.client';
import { NotificationClient } from './notification.client';
import { OrderSystemClient } from './order-system.client';
import { RefundSystemClient } from './refund-system.client';
import { RepairCentreClient } from './repair-centre.client';
import { SupplierClient } from './supplier.client';
import { WmsClient } from './wms.client';

/** One client per external system, as the worker hands them to the activities. */
export interface IntegrationClients {
  refundSystem: RefundSystemClient;
  insurance: InsuranceClient;
  carrier: CarrierClient;
  wms: WmsClient;
  repairCentre: RepairCentreClient;
  supplier: SupplierClient;
  notification: NotificationClient;
  orderSystem: OrderSystemClient;
}

/** Builds every client from one configuration (`fetch` replaceable for tests). */
export function createIntegrationClients(
  config: IntegrationsConfig,
  fetch?: FetchFunction,
): IntegrationClients {
  const options = (baseUrl: string) => ({
    baseUrl,
    timeoutMs: config.timeoutMs,
    ...(fetch ? { fetch } : {}),
  });
  return {
    refundSystem: new RefundSystemClient(options(config.refundSystemUrl)),
    insurance: new InsuranceClient(options(config.insuranceUrl)),
    carrier: new CarrierClient(options(config.carrierUrl)),
    wms: new WmsClient(options(config.wmsUrl)),
    repairCentre: new RepairCentreClient(options(config.repairUrl)),
    supplier: new SupplierClient(options(config.supplierUrl)),
    notification: new NotificationClient(options(config.notifyUrl)),
    orderSystem: new OrderSystemClient(options(config.orderSystemUrl)),
  };
}
