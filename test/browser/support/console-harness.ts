import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { TokenClaims } from '../../../apps/api/src/auth/tokens';
import { ApiHarness, startApi } from '../../e2e/e2e-support';
import { TestStackOptions } from '../../support/test-stack';
import { launchChromium } from './chromium';

const projectRoot = resolve(__dirname, '..', '..', '..');

/** The stack (API serving the built console, worker, sandbox) and a headless Chromium. */
export interface ConsoleHarness {
  api: ApiHarness;
  browser: Browser;
  /** The console's URL of `path` (e.g. `/warehouse`). */
  url(path: string): string;
  /**
   * A new browser context signed in as `claims` (a token minted per role, pasted into the sign-in page,
   * so the token lives in session storage as a user's would), showing `path`.
   */
  openAs(claims: TokenClaims, path: string, options?: { timezoneId?: string }): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts the stack of test/e2e with the API (which serves dist/console) and launches Chromium. */
export async function startConsole(
  options: TestStackOptions & { policy?: unknown } = {},
): Promise<ConsoleHarness> {
  const api = await startApi(options);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await api.stack.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const url = (path: string) => `${api.url}/console${path}`;
  return {
    api,
    browser,
    url,
    openAs: async (claims, path, { timezoneId = 'America/New_York' } = {}) => {
      // A browser in another zone than the policy's: the console must show the policy's times anyway.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, url('/sign-in'), api.token(claims));
      await page.goto(url(path));
      return page;
    },
    stop: async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await api.stack.stop();
    },
  };
}

/** Signs in by pasting `token` into the sign-in page. */
export async function signIn(page: Page, signInUrl: string, token: string): Promise<void> {
  await page.goto(signInUrl);
  await page.locator('#token').fill(token);
  await page.locator('#token').press('Control+Enter');
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

/** Saves a screenshot of the page to docs/console/<name>.png (the README shows them). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(projectRoot, 'docs', 'console');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
