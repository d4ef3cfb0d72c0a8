import { TokenClaims } from '../../apps/api/src/auth/tokens';
import { ConsoleHarness, screenshot, startConsole } from './support/console-harness';

/** The console's frame: sign-in by token, the header (identity, language switch, sign out), the routes. */
describe('the console shell', () => {
  let harness: ConsoleHarness;
  const warehouse: TokenClaims = { sub: 'wh-shell', role: 'warehouse' };

  beforeAll(async () => {
    harness = await startConsole();
  });
  afterAll(async () => harness?.stop());

  it('signs in with a pasted token, shows who is signed in in Chinese first, switches to English and signs out', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(harness.url('/warehouse'));
    await page.waitForURL(/\/console\/sign-in$/);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await screenshot(page, 'sign-in');

    await page.locator('#token').fill(harness.api.token(warehouse));
    await page.locator('#token').press('Control+Enter');
    await page.waitForURL(/\/console\/warehouse$/);
    await page.getByText('当前身份：wh-shell（warehouse）').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(1);
    expect(await page.evaluate("localStorage.getItem('aftersales.console.token')")).toBeNull();

    await page.getByLabel('language').selectOption('en');
    await page.getByText('Signed in as wh-shell (warehouse)').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in$/);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await context.close();
  });

  it('refuses a page of another role and says so', async () => {
    const page = await harness.openAs(warehouse, '/ops');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('ops');
  });

  it('refuses a pasted text that is not a token, in place', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(harness.url('/sign-in'));
    await page.locator('#token').fill('not-a-token');
    await page.locator('#token').press('Control+Enter');
    await page.getByRole('alert').waitFor();
    expect(page.url()).toMatch(/\/console\/sign-in$/);
    await context.close();
  });
});
