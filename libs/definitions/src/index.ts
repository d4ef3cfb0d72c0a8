// Names shared by workflows, activities, clients and the worker: task queues and failure types.
// Temporal-specific, so not in libs/domain; plain constants, so any module may import them.
export * from './task-queues';
export * from './failure-types';
