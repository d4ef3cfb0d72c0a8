import { defineSearchAttributeKey } from '@temporalio/common';

/** Typed search attribute: the case's current status (API.md's list), for listing in Temporal. */
export const CASE_STATUS_ATTRIBUTE = defineSearchAttributeKey('CaseStatus', 'KEYWORD');

/** Typed search attribute: the merchant that owns the case (no personal data goes here). */
export const MERCHANT_ID_ATTRIBUTE = defineSearchAttributeKey('MerchantId', 'KEYWORD');

/** Typed search attribute: the case type (RETURN_REFUND, EXCHANGE, ...). */
export const CASE_TYPE_ATTRIBUTE = defineSearchAttributeKey('CaseType', 'KEYWORD');

/** Every search attribute the workflows set; the dev server and a cluster must register them. */
export const SEARCH_ATTRIBUTES = [CASE_STATUS_ATTRIBUTE, MERCHANT_ID_ATTRIBUTE, CASE_TYPE_ATTRIBUTE];
