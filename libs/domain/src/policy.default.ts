import { Policy, parsePolicy } from './policy.schema';

/** The shipped policy file (DOMAIN.md's numbers), as JSON would hold it; used when POLICY_FILE is unset. */
export const DEFAULT_POLICY_FILE = {
  version: '2026-11-01',
  timeZone: 'Asia/Shanghai',
  defaultProfile: 'national',
  merchants: { 'm-jd-style': 'platform-plus' },
  profiles: {
    national: {
      noReasonReturnDays: 7,
      qualityReturnDays: 7,
      qualityExchangeDays: 15,
      priceProtectionDays: 0,
      freshClaimWindow: 'PT48H',
      defaultWarrantyMonths: 12,
      autoApproveLimit: { amount: 20000, currency: 'CNY' },
      fastRefundLimit: { amount: 50000, currency: 'CNY' },
      wearDeductionPercent: 10,
      clocks: {
        merchantResponse: 'PT48H',
        customerShip: 'P7D',
        warehouseInspect: 'P10D',
        escalationWindow: 'P15D',
        merchantEscalationAnswer: 'PT24H',
        refundAfterInspection: 'P7D',
        replacementShip: 'PT72H',
        repairMaxDuration: 'P30D',
      },
      supplierReturnBatch: { maxUnits: 20, maxWait: 'P7D' },
      electronicsDefectWindow: { portable: 'PT48H', nonPortable: 'PT72H' },
      maxRepairFailures: 2,
      autoApprovePriceProtection: false,
    },
    'platform-plus': {
      extends: 'national',
      noReasonReturnDays: 30,
      qualityReturnDays: 30,
      qualityExchangeDays: 180,
      priceProtectionDays: 30,
    },
  },
} as const;

/** The shipped default policy, validated and resolved (version "2026-11-01"). */
export const DEFAULT_POLICY: Policy = parsePolicy(DEFAULT_POLICY_FILE);
