import { Page } from 'playwright-core';
import { expectStatus, identities, waitForStatus } from '../e2e/e2e-support';
import { eventually } from '../support/eventually';
import { caseInTransit } from './support/case-setup';
import { ConsoleHarness, screenshot, startConsole } from './support/console-harness';

const focusedTestId = (page: Page) => page.evaluate('document.activeElement?.dataset?.testid ?? null');

/**
 * The warehouse station, keyboard only (a scanner types and presses Enter): an unknown parcel is listed
 * as unmatched; a returned parcel is received, its two units graded A and B (the B with notes and a
 * photo), the inspection submitted, and the case ends with the refund net of the wear deduction.
 */
describe('the warehouse station', () => {
  let harness: ConsoleHarness;
  const who = identities();

  beforeAll(async () => {
    harness = await startConsole();
  });
  afterAll(async () => harness?.stop());

  it('receives and grades a parcel with the keyboard only; the case ends with the right refund', async () => {
    // A no-reason return of two units at 200.00 CNY: a B unit loses the 10% wear deduction (20.00).
    const { caseId, trackingNumber } = await caseInTransit(
      harness.api,
      who,
      { reason: 'NO_REASON' },
      { lines: [{ quantity: 2, unitPaid: { amount: 20000, currency: 'CNY' } }] },
    );
    const page = await harness.openAs(who.warehouse, '/warehouse');
    expect(await focusedTestId(page)).toBe('scan');

    // An unknown parcel: listed as unmatched, and the scan field is ready for the next one.
    await page.keyboard.type('NOCASE-4711');
    await page.keyboard.press('Enter');
    await page.locator('tr[data-result="UNMATCHED"]', { hasText: 'NOCASE-4711' }).waitFor();
    await eventually(async () => expect(await focusedTestId(page)).toBe('scan'), 5000, 100);

    await page.keyboard.type(trackingNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('grading').waitFor();
    expect(await focusedTestId(page)).toBe('grade-0');
    expect(await page.getByTestId('unit-1').textContent()).toContain('sku-1');
    await page.keyboard.press('a');
    expect(await focusedTestId(page)).toBe('grade-1');
    await page.keyboard.press('b');
    expect(await focusedTestId(page)).toBe('submit-inspection');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('https://photos.example.test/scuff.jpg');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('scuffed corner');
    await screenshot(page, 'warehouse');
    expect(await page.getByTestId('unit-0').getAttribute('data-grade')).toBe('A_RESELLABLE');
    expect(await page.getByTestId('unit-1').getAttribute('data-grade')).toBe('B_REFURBISH');
    await page.keyboard.press('Control+Enter');

    await page.getByTestId('outcome').waitFor();
    expect(await page.getByTestId('outcome-entitled').textContent()).toBe('380.00 CNY');
    expect(await page.getByTestId('outcome-deduction').textContent()).toBe('20.00 CNY');
    await page
      .getByTestId('outcome-refunds')
      .getByText('380.00 CNY · SUCCEEDED')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'warehouse-outcome');
    expect(await focusedTestId(page)).toBe('next-parcel');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await focusedTestId(page)).toBe('scan'), 5000, 100);
    expect(await page.locator('tr[data-result="UNMATCHED"]').count()).toBe(1);

    // The API says the same: one refund of 380.00 CNY, paid, the grades with the notes and photo kept.
    await waitForStatus(harness.api, who, caseId, 'COMPLETED');
    const view = expectStatus(await harness.api.call('GET', `/v1/cases/${caseId}`, who.ops));
    expect(view.resolution).toMatchObject({
      entitled: { amount: 38000, currency: 'CNY' },
      refunds: [{ amount: { amount: 38000, currency: 'CNY' }, status: 'SUCCEEDED' }],
    });
    const inspected = (view.inspection as { items: Array<Record<string, unknown>> }).items;
    const lineId = (view.items as Array<{ lineId: string }>)[0].lineId;
    expect(inspected.every((item) => item.lineId === lineId)).toBe(true);
    expect(inspected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ grade: 'A_RESELLABLE', quantity: 1 }),
        expect.objectContaining({
          grade: 'B_REFURBISH',
          quantity: 1,
          notes: 'scuffed corner',
          photos: ['https://photos.example.test/scuff.jpg'],
        }),
      ]),
    );
  });
});
