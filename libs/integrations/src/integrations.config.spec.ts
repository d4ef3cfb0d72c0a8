import { integrationsConfigFromEnv, IntegrationsConfigError } from './integrations.config';

describe('integrationsConfigFromEnv', () => {
  it('points every system at the bundled sandbox when nothing is set', () => {
    expect(integrationsConfigFromEnv({})).toEqual({
      refundSystemUrl: 'http://127.0.0.1:4000/refund-system',
      carrierUrl: 'http://127.0.0.1:4000/carrier',
      wmsUrl: 'http://127.0.0.1:4000/wms',
      repairUrl: 'http://127.0.0.1:4000/repair-centre',
      supplierUrl: 'http://127.0.0.1:4000/supplier',
      insuranceUrl: 'http://127.0.0.1:4000/insurance',
      notifyUrl: 'http://127.0.0.1:4000/notify',
      orderSystemUrl: 'http://127.0.0.1:4000/order-system',
      timeoutMs: 10_000,
    });
  });

  it('reads each system’s URL and the timeout, dropping trailing slashes', () => {
    const config = integrationsConfigFromEnv({
      REFUND_SYSTEM_URL: 'https://refunds.example.com/v2/',
      CARRIER_URL: 'http://carrier.internal:8080',
      ORDER_SYSTEM_URL: 'https://orders.example.com/api/',
      INTEGRATIONS_TIMEOUT_MS: '2500',
    });

    expect(config.refundSystemUrl).toBe('https://refunds.example.com/v2');
    expect(config.carrierUrl).toBe('http://carrier.internal:8080');
    expect(config.wmsUrl).toBe('http://127.0.0.1:4000/wms');
    expect(config.orderSystemUrl).toBe('https://orders.example.com/api');
    expect(config.timeoutMs).toBe(2_500);
  });

  it('moves every unset system to SANDBOX_URL when it is given', () => {
    expect(integrationsConfigFromEnv({ SANDBOX_URL: 'http://127.0.0.1:4555/' }).notifyUrl).toBe(
      'http://127.0.0.1:4555/notify',
    );
  });

  it('treats empty variables as unset', () => {
    expect(integrationsConfigFromEnv({ WMS_URL: '  ' }).wmsUrl).toBe('http://127.0.0.1:4000/wms');
  });

  it('stops with the name of a variable that is not an http URL', () => {
    expect(() => integrationsConfigFromEnv({ WMS_URL: 'wms.local' })).toThrow(/^WMS_URL: not a URL/);
    expect(() => integrationsConfigFromEnv({ CARRIER_URL: 'ftp://carrier' })).toThrow(
      IntegrationsConfigError,
    );
  });

  it('stops on a timeout that is not a positive whole number of milliseconds', () => {
    expect(() => integrationsConfigFromEnv({ INTEGRATIONS_TIMEOUT_MS: '1.5s' })).toThrow(
      /INTEGRATIONS_TIMEOUT_MS/,
    );
    expect(() => integrationsConfigFromEnv({ INTEGRATIONS_TIMEOUT_MS: '0' })).toThrow(
      IntegrationsConfigError,
    );
  });
});
