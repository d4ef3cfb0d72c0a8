import { condition } from '@temporalio/workflow';

/**
 * Resolves once every job of the current activation has run: the SDK evaluates blocked conditions
 * only then (a condition's first evaluation, when it is made, answers false here). Work gathered
 * until then leaves in one command.
 */
export function endOfActivation(): Promise<void> {
  let evaluated = false;
  return condition(() => {
    const ready = evaluated;
    evaluated = true;
    return ready;
  });
}
