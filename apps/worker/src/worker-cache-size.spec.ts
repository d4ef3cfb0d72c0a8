import { ConfigError } from '../../../libs/config/src';
import {
  CACHED_CASE_WORKFLOW_MIB,
  DEFAULT_CACHE_BUDGET_MIB,
  heapLimitMiB,
  workflowCacheSize,
} from './worker-cache-size';

describe('the worker workflow cache size', () => {
  const heap = 4096;

  it('fills the default budget when nothing is set', () => {
    expect(workflowCacheSize({}, heap)).toEqual({
      maxCachedWorkflows: Math.floor(DEFAULT_CACHE_BUDGET_MIB / CACHED_CASE_WORKFLOW_MIB),
      budgetMiB: DEFAULT_CACHE_BUDGET_MIB,
      source: 'default budget',
    });
  });

  it('lowers the default budget to what a small heap holds, never below two workflows', () => {
    expect(workflowCacheSize({}, 556)).toMatchObject({
      budgetMiB: 300,
      maxCachedWorkflows: Math.floor(300 / CACHED_CASE_WORKFLOW_MIB),
    });
    expect(workflowCacheSize({}, 100)).toMatchObject({ budgetMiB: 0, maxCachedWorkflows: 2 });
  });

  it('derives the count from WORKER_CACHE_BUDGET_MIB', () => {
    expect(workflowCacheSize({ WORKER_CACHE_BUDGET_MIB: ' 300 ' }, heap)).toEqual({
      maxCachedWorkflows: Math.floor(300 / CACHED_CASE_WORKFLOW_MIB),
      budgetMiB: 300,
      source: 'WORKER_CACHE_BUDGET_MIB',
    });
    expect(workflowCacheSize({ WORKER_CACHE_BUDGET_MIB: '1' }, heap).maxCachedWorkflows).toBe(2);
  });

  it('takes WORKER_MAX_CACHED_WORKFLOWS as given', () => {
    expect(workflowCacheSize({ WORKER_MAX_CACHED_WORKFLOWS: '5000' }, heap)).toEqual({
      maxCachedWorkflows: 5000,
      budgetMiB: Math.ceil(5000 * CACHED_CASE_WORKFLOW_MIB),
      source: 'WORKER_MAX_CACHED_WORKFLOWS',
    });
  });

  it.each([
    [{ WORKER_MAX_CACHED_WORKFLOWS: 'many' }, /WORKER_MAX_CACHED_WORKFLOWS: expected a whole number.*"many"/],
    [{ WORKER_MAX_CACHED_WORKFLOWS: '1' }, /WORKER_MAX_CACHED_WORKFLOWS: .*at least 2/],
    [{ WORKER_MAX_CACHED_WORKFLOWS: '0' }, /WORKER_MAX_CACHED_WORKFLOWS/],
    [{ WORKER_MAX_CACHED_WORKFLOWS: '2.5' }, /WORKER_MAX_CACHED_WORKFLOWS/],
    [{ WORKER_CACHE_BUDGET_MIB: '-5' }, /WORKER_CACHE_BUDGET_MIB: expected a whole number.*"-5"/],
    [{ WORKER_CACHE_BUDGET_MIB: '1e3' }, /WORKER_CACHE_BUDGET_MIB/],
    [{ WORKER_CACHE_BUDGET_MIB: '0' }, /WORKER_CACHE_BUDGET_MIB/],
    [{ WORKER_CACHE_BUDGET_MIB: '512', WORKER_MAX_CACHED_WORKFLOWS: '100' }, /both set; set one/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => workflowCacheSize(env, heap)).toThrow(ConfigError);
    expect(() => workflowCacheSize(env, heap)).toThrow(message);
  });

  it('refuses a budget the V8 heap cannot hold, saying how to fix it', () => {
    expect(workflowCacheSize({ WORKER_CACHE_BUDGET_MIB: '3840' }, heap).budgetMiB).toBe(3840);
    expect(() => workflowCacheSize({ WORKER_CACHE_BUDGET_MIB: '3841' }, heap)).toThrow(
      /WORKER_CACHE_BUDGET_MIB: 3841 MiB does not fit .*limit 4096 MiB.*lower it to 3840.*--max-old-space-size/,
    );
  });

  it("reads this process's heap limit by default", () => {
    expect(heapLimitMiB()).toBeGreaterThan(100);
    expect(workflowCacheSize({}).budgetMiB).toBe(
      Math.min(DEFAULT_CACHE_BUDGET_MIB, Math.floor(heapLimitMiB() - 256)),
    );
  });
});
