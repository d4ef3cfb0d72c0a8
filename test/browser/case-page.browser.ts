import { DEFAULT_POLICY_FILE } from '../../libs/domain/src/policy.default';
import { caseIdOf, caseRequest, expectStatus, identities } from '../e2e/e2e-support';
import { ConsoleHarness, screenshot, startConsole } from './support/console-harness';

/**
 * The case page, as each role may see it: the owner sees status, clocks, items and the event log in
 * the policy's time zone (the browser is in New York, the policy in Berlin); another customer's
 * token is refused by the API and the page says so.
 */
describe('the case page', () => {
  let harness: ConsoleHarness;
  const who = identities();
  let caseId: string;

  beforeAll(async () => {
    // A policy in another zone than the shipped one: the page takes the zone from GET /v1/policy.
    harness = await startConsole({ policy: { ...DEFAULT_POLICY_FILE, timeZone: 'Europe/Berlin' } });
    // A quality return above the auto-approval limit: it waits for the merchant, whose clock runs.
    const body = await caseRequest(harness.api, who);
    caseId = caseIdOf(body.requestId);
    expect(expectStatus(await harness.api.call('POST', '/v1/cases', who.customer, body), 201).status).toBe(
      'PENDING_MERCHANT_REVIEW',
    );
  });
  afterAll(async () => harness?.stop());

  it("shows the owner the case, its running clock and who did what when, in the policy's time zone", async () => {
    const page = await harness.openAs(who.customer, `/cases/${caseId}`);
    await page.getByTestId('case-page').waitFor();
    await page.getByLabel('language').selectOption('en');
    expect(await page.getByTestId('case-status').textContent()).toBe('PENDING_MERCHANT_REVIEW');
    // The timeline: the request, by the customer.
    const timeline = page.getByTestId('timeline');
    await timeline.locator('li[data-type="CASE_REQUESTED"]').waitFor();
    const requested = timeline.locator('li[data-type="CASE_REQUESTED"]');
    expect(await requested.locator('.who').textContent()).toBe(`customer:${who.customerId}`);
    const time = requested.locator('time');
    expect(await time.textContent()).toContain('GMT+1');
    expect(await time.getAttribute('title')).toContain('Europe/Berlin');
    expect(await page.locator('header').textContent()).toContain('Times in Europe/Berlin');
    // The merchant's 48-hour clock, counting down (1 day and 23 hours and some left).
    const clock = page.getByTestId('deadlines').locator('tr[data-clock="merchantRespondBy"]');
    expect(await clock.locator('td').nth(0).textContent()).toBe('Merchant response');
    expect(await clock.locator('td').nth(1).textContent()).toContain('GMT+1');
    expect(await clock.locator('td').nth(2).textContent()).toMatch(/^1d 23:[0-5]\d:[0-5]\d$/);
    // A customer does not get the Temporal UI link.
    expect(await page.getByTestId('temporal-ui-link').count()).toBe(0);
    await screenshot(page, 'case');
  });

  it("refuses another customer's token: the API answers 403 and the page says so", async () => {
    const answer = await harness.api.call('GET', `/v1/cases/${caseId}`, who.otherCustomer);
    expect(answer.status).toBe(403);
    const page = await harness.openAs(who.otherCustomer, `/cases/${caseId}`);
    await page.getByLabel('language').selectOption('en');
    const refused = page.getByTestId('case-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('You cannot open this case');
    expect(await refused.textContent()).toContain('403');
    expect(await page.getByTestId('case-page').count()).toBe(0);
    expect(await page.getByTestId('timeline').count()).toBe(0);
    await screenshot(page, 'case-refused');
  });

  it('gives ops the link to the case workflow in the Temporal UI', async () => {
    const page = await harness.openAs(who.ops, `/cases/${caseId}`);
    const link = page.getByTestId('temporal-ui-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(
      new RegExp(`/namespaces/default/workflows/case-${caseId}$`),
    );
  });
});
