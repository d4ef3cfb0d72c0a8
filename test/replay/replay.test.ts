import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { bundleWorkflows } from '../../apps/worker/src/workers';

const historiesDir = join(__dirname, 'histories');
const histories = readdirSync(historiesDir).filter((file) => file.endsWith('.json'));

describe('recorded workflow histories', () => {
  it('exist for every path the workflow tests record (npm run test:record-histories)', () => {
    const workflowTests = join(__dirname, '..', 'workflows');
    const recorded = readdirSync(workflowTests)
      .filter((file) => file.endsWith('.test.ts'))
      .flatMap((file) => [
        ...readFileSync(join(workflowTests, file), 'utf8').matchAll(/recordHistory\(\s*\w+,\s*'([^']+)'/g),
      ])
      .map((match) => `${match[1]}.json`);
    expect(recorded.length).toBeGreaterThan(20);
    expect(histories).toEqual(expect.arrayContaining(recorded));
  });

  it('replay deterministically against the current workflow code', async () => {
    const workflowBundle = await bundleWorkflows();
    const failures: string[] = [];
    for (const file of histories) {
      const { workflowId, history } = JSON.parse(readFileSync(join(historiesDir, file), 'utf8')) as {
        workflowId: string;
        history: unknown;
      };
      try {
        await Worker.runReplayHistory(
          { workflowBundle },
          temporal.api.history.v1.History.fromObject(history as object),
          workflowId,
        );
      } catch (error) {
        failures.push(`${file}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
