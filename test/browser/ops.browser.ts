import { randomUUID } from 'node:crypto';
import { Locator, Page } from 'playwright-core';
import { caseRequest, expectStatus, identities } from '../e2e/e2e-support';
import { BadDeployBundle, bundleBadDeploy, startWorker, stopStackWorker } from '../ops/bad-deploy';
import { expectSeqWithoutGaps, OPS_POLICY, opsDriver } from '../ops/ops-support';
import { eventually } from '../support/eventually';
import { ConsoleHarness, screenshot, startConsole } from './support/console-harness';

// A webpack bundle of the bad deploy, workers swapped twice, a refund outage, a reset, all in a browser.
jest.setTimeout(300_000);

/** The confirmation dialog open on the page. */
const openDialog = (page: Page): Locator => page.locator('dialog[open]');

/** Confirms the open dialog and waits for the API's answer in it; its text. */
async function confirm(page: Page): Promise<string> {
  const dialog = openDialog(page);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  const outcome = dialog.getByTestId('action-outcome');
  await outcome.waitFor({ timeout: 60_000 });
  return (await outcome.textContent()) ?? '';
}

describe('the ops desk', () => {
  let consoleApp: ConsoleHarness;
  let badDeploy: BadDeployBundle;
  let previousBundlePath: string | undefined;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    // The API replays against the bundle the workers run (WORKFLOW_BUNDLE_PATH), as deployed.
    previousBundlePath = process.env.WORKFLOW_BUNDLE_PATH;
    process.env.WORKFLOW_BUNDLE_PATH = process.env.AFTERSALES_WORKFLOW_BUNDLE;
    // The bad deploy of test/ops: the shipped workflows with a timer before each refund.
    [consoleApp, badDeploy] = await Promise.all([startConsole({ policy: OPS_POLICY }), bundleBadDeploy()]);
  });

  afterAll(async () => {
    await consoleApp?.api.stack.sandbox.control.clearFault('refund').catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await consoleApp?.stop();
    if (previousBundlePath === undefined) delete process.env.WORKFLOW_BUNDLE_PATH;
    else process.env.WORKFLOW_BUNDLE_PATH = previousBundlePath;
    badDeploy?.remove();
  });

  /**
   * A case whose refund the bad deploy scheduled while the refund system is down, back on the shipped
   * code: its refund keeps failing until the refund system is back (nothing wakes the workflow meanwhile).
   */
  const caseBrokenByBadDeploy = async (ops: ReturnType<typeof opsDriver>): Promise<string> => {
    const control = consoleApp.api.stack.sandbox.control;
    const caseId = await ops.openCase();
    await ops.returnToWarehouse(caseId);
    await stopStackWorker(consoleApp.api.stack.runtime);
    const stopBad = await startWorker(consoleApp.api.stack, { codePath: badDeploy.path });
    cleanups.push(stopBad);
    await control.setFault('refund', { failUntilCleared: true });
    await ops.inspectDefective(caseId);
    await ops.stuckEntryWhen(caseId, (item) =>
      item.reasons.some((reason) => reason.kind === 'ACTIVITY_FAILING'),
    );
    // Rolled back: the shipped code serves the case again (the refund system is still down).
    await stopBad();
    cleanups.push(
      await startWorker(consoleApp.api.stack, { codePath: process.env.AFTERSALES_WORKFLOW_BUNDLE as string }),
    );
    return caseId;
  };

  /** Another shop's cases for the charts: one approved, one rejected and escalated by the customer. */
  const anotherShopsDay = async () => {
    const api = consoleApp.api;
    const shop = identities();
    const decide = async (caseId: string, decision: 'APPROVE' | 'REJECT') =>
      expectStatus(
        await api.call('POST', `/v1/cases/${caseId}/decision`, shop.merchant, {
          decisionId: `d-${randomUUID()}`,
          decision,
        }),
      );
    const [approved, rejected] = await Promise.all(
      [0, 1].map(
        async () =>
          expectStatus(await api.call('POST', '/v1/cases', shop.customer, await caseRequest(api, shop)), 201)
            .caseId as string,
      ),
    );
    await decide(approved, 'APPROVE');
    await decide(rejected, 'REJECT');
    expectStatus(
      await api.call('POST', `/v1/cases/${rejected}/escalate`, shop.customer, {
        escalationId: `e-${randomUUID()}`,
        note: 'the screen was broken on arrival',
      }),
    );
  };

  it('retries the failing refund, replays the case, and resets it to where the bad deploy diverged: the case completes', async () => {
    const who = identities();
    const ops = opsDriver(consoleApp.api, who);
    const control = consoleApp.api.stack.sandbox.control;
    const caseId = await caseBrokenByBadDeploy(ops);
    const before = await ops.eventsOf(caseId);
    await anotherShopsDay();

    const page = await consoleApp.openAs(who.ops, '/ops');
    await page.getByLabel('language').selectOption('en');
    const row = page.getByTestId('stuck-cases').locator(`tr[data-case-id="${caseId}"]`);

    // Retry the refund activity now: the confirmation says what will happen before anything is sent.
    const failing = row.locator('li[data-reason="ACTIVITY_FAILING"]');
    await failing.getByRole('button', { name: 'Retry now' }).click();
    expect(await openDialog(page).getByTestId('what-will-happen').textContent()).toMatch(
      new RegExp(`Runs activity issueRefund \\(\\S+\\) of case ${caseId} again now`),
    );
    // The refund system is back just before ops retry (else the activity's own retry could beat the page).
    await control.clearFault('refund');
    expect(await confirm(page)).toMatch(/^Done/);
    await openDialog(page).getByRole('button', { name: 'Close' }).click();
    await eventually(async () => expect((await control.ledger(caseId)).payouts).toHaveLength(1), 30_000);

    // The shipped code cannot replay the bad deploy's history: the workflow task fails, and the desk says so.
    await row.locator('li[data-reason="WORKFLOW_TASK_FAILING"]').waitFor({ timeout: 120_000 });
    expect(await row.locator('li[data-reason="WORKFLOW_TASK_FAILING"]').textContent()).toMatch(
      /[Nn]ondetermin/,
    );
    // The service-quality charts of every merchant over the last 30 days, drawn.
    const quality = page.getByTestId('service-quality');
    await quality.getByTestId('quality-totals').waitFor();
    expect(await quality.locator('figure .recharts-wrapper').count()).toBe(4);
    await screenshot(page, 'ops-desk');

    await row.getByRole('button', { name: 'Replay' }).click();
    expect(await openDialog(page).getByTestId('what-will-happen').textContent()).toContain('Nothing changes');
    expect(await confirm(page)).toMatch(
      /Not deterministic \(NONDETERMINISM\): the code leaves the history at event #\d+/,
    );
    const resetButton = openDialog(page).getByRole('button', { name: /^Reset to event #\d+…$/ });
    const eventId = Number(/#(\d+)/.exec((await resetButton.textContent()) ?? '')?.[1]);
    await resetButton.click();

    // The reset's confirmation names the event and what a reset does; it needs a reason.
    const dialog = openDialog(page);
    expect(await dialog.getByTestId('what-will-happen').textContent()).toContain(
      `Resets the workflow of case ${caseId} to history event #${eventId}`,
    );
    expect(await dialog.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);
    await dialog
      .locator('input[name="reason"]')
      .fill('rolled back the deploy that reordered the refund step');
    await screenshot(page, 'ops-reset-confirmation');
    expect(await confirm(page)).toMatch(new RegExp(`^Reset done: new run \\S+ from event #${eventId}`));

    await ops.waitForStatus(caseId, 'COMPLETED', 90_000);
    expect((await control.ledger(caseId)).payouts).toHaveLength(1);
    const events = await ops.eventsOf(caseId);
    expectSeqWithoutGaps(events);
    expect(events.slice(0, before.length).map((event) => event.type)).toEqual(
      before.map((event) => event.type),
    );
    const reset = events.filter(
      (event) => event.type === 'OPS_ACTION_RECORDED' && event.data.action === 'RESET',
    );
    expect(reset).toHaveLength(1);
    expect(reset[0]).toMatchObject({
      actor: { role: 'ops', id: who.ops.sub },
      data: { reason: expect.stringMatching(/^rolled back the deploy that reordered the refund step/) },
    });
    // Moved on, the case leaves the desk.
    await openDialog(page).getByRole('button', { name: 'Close' }).click();
    await row.waitFor({ state: 'detached', timeout: 60_000 });

    // Its merchant's figures: the one case, answered by the merchant (not by timeout), not escalated.
    await quality.getByLabel('Merchant').fill(who.merchantId);
    await quality
      .getByTestId('quality-totals')
      .filter({
        hasText:
          /^1 case requested in this range; response time p50 \d+(\.\d)? (min|h), p90 \d+(\.\d)? (min|h); approved by timeout 0%; escalated 0%\.$/,
      })
      .waitFor({ timeout: 60_000 });
    expect(
      await quality.locator('[data-testid="chart-distribution"] .recharts-bar-rectangle').count(),
    ).toBeGreaterThan(0);
  });
});
