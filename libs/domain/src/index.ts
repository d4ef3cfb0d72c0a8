// The pure domain core of after-sales cases: types, policy, eligibility, settlement, events, evolve,
// view and the decide functions. No I/O, no framework, no Temporal: it bundles into workflows.
export * from './money';
export * from './duration';
export * from './calendar';
export * from './case.types';
export * from './case.errors';
export * from './case.request';
export * from './policy.schema';
export * from './policy.default';
export * from './policy.testing';
export * from './eligibility';
export * from './settlement.types';
export * from './case.events';
export * from './shipment.events';
export * from './step-attention.events';
export * from './case.state';
export * from './case.evolve';
export * from './case.view';
export * from './settlement';
export * from './case.clocks';
export * from './decide';
export * from './case.next-steps';
export * from './case.testing';
export * from './case.scenario.testing';
export * from './allowances';
export * from './abuse-signals';
