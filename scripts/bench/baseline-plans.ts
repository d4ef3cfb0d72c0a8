import { BaselinePlan } from './baseline/baseline.definitions';
import { CASE_PATHS, CasePath } from './case-paths';
import { planFromProfile } from './history-profile';
import { PhaseResult } from './phases';

/** The baseline plan of each path, from the service phase's histories (a path never completed: throws). */
export function plansOf(service: PhaseResult): Record<CasePath, BaselinePlan> {
  const plans = {} as Record<CasePath, BaselinePlan>;
  for (const path of CASE_PATHS) {
    const profile = service.profiles[path];
    if (!profile)
      throw new Error(
        `no ${path} case completed, so its baseline plan is unknown: ${service.failures.join('; ')}`,
      );
    plans[path] = planFromProfile(profile);
  }
  return plans;
}
