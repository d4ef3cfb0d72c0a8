import { randomUUID } from 'node:crypto';
import { Locator, Page } from 'playwright-core';
import { makeTestPolicy } from '../../libs/domain/src';
import { caseRequest, expectStatus, identities, Identities, waitForStatus } from '../e2e/e2e-support';
import { eventually } from '../support/eventually';
import { ConsoleHarness, screenshot, startConsole } from './support/console-harness';

/**
 * A response clock just over the 4-hour line: a request is shown in black for its first minute and
 * turns red on its own (the live countdown) once less than 4 hours are left. The other clocks are long,
 * so only the test moves a case; the escalation answer clock (1 h) is red from the start.
 */
const MERCHANT_POLICY = makeTestPolicy({
  allProfiles: {
    clocks: {
      merchantResponse: 'PT4H1M',
      customerShip: 'PT24H',
      warehouseInspect: 'PT24H',
      escalationWindow: 'PT24H',
      merchantEscalationAnswer: 'PT1H',
      refundAfterInspection: 'PT24H',
      replacementShip: 'PT24H',
      repairMaxDuration: 'PT24H',
    },
  },
});

/** The order's one line: ¥329.99 paid. */
const PAID_FEN = 32999;

/** Waits for the page to report the decision (`reported` in its status line); fails with the refusal it shows instead. */
async function decisionReported(page: Page, form: Locator, reported: string): Promise<void> {
  const status = page.getByTestId('last-decision').filter({ hasText: reported });
  const refusal = form.getByRole('alert');
  // A decision waits for the workflow to take the update: slow on a loaded machine.
  await status.or(refusal).first().waitFor({ timeout: 90_000 });
  if (await refusal.isVisible()) throw new Error(`the page shows a refusal: ${await refusal.textContent()}`);
}

describe('the merchant review page', () => {
  let consoleApp: ConsoleHarness;

  beforeAll(async () => {
    consoleApp = await startConsole({ policy: MERCHANT_POLICY });
  });
  afterAll(async () => consoleApp?.stop());

  const openCase = async (who: Identities): Promise<string> => {
    const api = consoleApp.api;
    const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
    return expectStatus(created, 201).caseId as string;
  };
  const eventsOf = async (who: Identities, caseId: string) =>
    expectStatus(await consoleApp.api.call('GET', `/v1/cases/${caseId}/events`, who.ops)).items as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;
  const row = (page: Page, list: string, caseId: string) =>
    page.getByTestId(`queue-${list}`).locator(`tr[data-case-id="${caseId}"]`);

  it('lists the shop’s requests by the time left on their clock, counting down live and red under 4 hours', async () => {
    const who = identities();
    const first = await openCase(who);
    const page = await consoleApp.openAs(who.merchant, '/merchant');
    const firstClock = row(page, 'PENDING_MERCHANT_REVIEW', first).getByTestId('countdown');
    await firstClock.waitFor();
    // Just over 4 hours left: not urgent yet, and ticking.
    expect(await firstClock.getAttribute('data-urgent')).toBe('false');
    expect(await firstClock.textContent()).toMatch(/^0?4:00:\d\d$/);
    const before = await firstClock.textContent();
    await eventually(async () => expect(await firstClock.textContent()).not.toBe(before), 5_000);

    const second = await openCase(who);
    await page.reload();
    await row(page, 'PENDING_MERCHANT_REVIEW', second).waitFor();
    const order = await page
      .getByTestId('queue-PENDING_MERCHANT_REVIEW')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((element) => element.getAttribute('data-case-id')));
    expect(order).toEqual([first, second]);

    // Under 4 hours left, the first turns red without a reload.
    await page.locator(`tr[data-case-id="${first}"] [data-testid="countdown"][data-urgent="true"]`).waitFor({
      timeout: 90_000,
    });
    // Red as the page draws it (the test runs without DOM typings: the browser's own getComputedStyle).
    const colour = await firstClock.evaluate(
      (element) =>
        (globalThis as unknown as { getComputedStyle(of: unknown): { color: string } }).getComputedStyle(
          element,
        ).color,
    );
    expect(colour).toBe('rgb(176, 0, 32)');
  });

  it('approves with a partial refund after showing the API’s refusal of an amount above what was paid', async () => {
    const who = identities();
    const caseId = await openCase(who);
    const page = await consoleApp.openAs(who.merchant, '/merchant');
    const form = row(page, 'PENDING_MERCHANT_REVIEW', caseId).locator('form');
    const amount = form.locator('input[inputmode="decimal"]');

    await amount.fill('400.00');
    await form.locator('button[type="submit"]').click();
    const refusal = form.getByTestId('amount-error');
    await refusal.waitFor();
    // The domain's rule, in place under the field: what was paid is the most that can be refunded.
    expect(await refusal.textContent()).toContain(`at most ${PAID_FEN} CNY can still be refunded`);
    expect(await refusal.textContent()).toContain('金额超过可退金额');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect((await consoleApp.api.call('GET', `/v1/cases/${caseId}`, who.merchant)).body.status).toBe(
      'PENDING_MERCHANT_REVIEW',
    );
    // The screenshot in English (this machine's Chromium has no CJK font).
    await page.getByLabel('language').selectOption('en');
    await refusal.filter({ hasText: 'The amount is above what can still be refunded' }).waitFor();
    await screenshot(page, 'merchant-review');

    await amount.fill('120.50');
    await form.locator('button[type="submit"]').click();
    await decisionReported(page, form, caseId);
    expect(await page.getByTestId('last-decision').textContent()).toContain('¥120.50');
    await waitForStatus(consoleApp.api, who, caseId, 'AWAITING_RETURN');
    const approved = (await eventsOf(who, caseId)).filter((event) => event.type === 'CASE_APPROVED');
    expect(approved).toHaveLength(1);
    expect(approved[0].data).toMatchObject({
      by: 'MERCHANT',
      refundAmount: { amount: 12050, currency: 'CNY' },
    });
    // Answered, the case leaves the list.
    await row(page, 'PENDING_MERCHANT_REVIEW', caseId).waitFor({ state: 'detached' });
  });

  it('lists an escalation of a rejected request on its own, where the merchant answers it', async () => {
    const who = identities();
    const caseId = await openCase(who);
    const page = await consoleApp.openAs(who.merchant, '/merchant');
    const pending = row(page, 'PENDING_MERCHANT_REVIEW', caseId);
    await pending.locator('input').first().fill('the photo shows wear, not a defect');
    await pending.getByRole('button', { name: '拒绝' }).click();
    await decisionReported(page, pending.locator('form'), 'REJECTED');

    expectStatus(
      await consoleApp.api.call('POST', `/v1/cases/${caseId}/escalate`, who.customer, {
        escalationId: `e-${randomUUID()}`,
        note: 'it flickers from the first day',
      }),
    );
    await page.reload();
    const escalated = row(page, 'ESCALATED', caseId);
    await escalated.waitFor();
    // The escalation answer clock (1 hour) is under 4 hours: red.
    expect(await escalated.getByTestId('countdown').getAttribute('data-urgent')).toBe('true');
    await escalated.getByRole('button', { name: /同意（全额退款 ¥329\.99）/ }).click();
    await decisionReported(page, escalated.locator('form'), 'AWAITING_RETURN');
    await escalated.waitFor({ state: 'detached' });
    await waitForStatus(consoleApp.api, who, caseId, 'AWAITING_RETURN');
  });
});
