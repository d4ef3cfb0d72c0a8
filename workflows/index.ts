// The workflow bundle's entry: every workflow the case task queue runs.
export { afterSalesCaseWorkflow } from './after-sales-case.workflow';
export { supplierReturnsWorkflow } from './supplier-returns.workflow';
