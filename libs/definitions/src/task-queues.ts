/** Task queue of the case workflows, the supplier-return workflows and their ordinary activities. */
export const CASE_TASK_QUEUE = 'aftersales-cases';

/** Task queue of refund activities: a refund system may serve it with a worker of its own. */
export const REFUND_TASK_QUEUE = 'aftersales-refunds';
