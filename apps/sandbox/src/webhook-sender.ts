/** One attempt to deliver a webhook, kept for `GET /_sandbox/webhooks` so a developer can see what was sent. */
export interface WebhookDelivery {
  url: string;
  body: unknown;
  ok: boolean;
  /** The receiver's HTTP status of the last attempt, when it answered at all. */
  status?: number;
  attempts: number;
  error?: string;
  sentAt: string;
}

const MAX_ATTEMPTS = 3;
const ATTEMPT_TIMEOUT_MS = 5_000;
const FIRST_BACKOFF_MS = 200;

/**
 * Posts JSON webhooks with a bearer token, retrying a few times on network errors and 5xx: the API
 * may still be starting when the first scan fires in dev mode. A 4xx is the receiver's answer and is
 * not retried.
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];

  /** Sends `body` to `url` and records the delivery; never throws. */
  async post(url: string, token: string | undefined, body: unknown): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = { url, body, ok: false, attempts: 0, sentAt: new Date().toISOString() };
    this.deliveries.push(delivery);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      delivery.attempts = attempt;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        delivery.status = response.status;
        delivery.ok = response.ok;
        delivery.error = response.ok ? undefined : (await response.text()).slice(0, 500);
        if (response.status < 500) return delivery;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
      if (attempt < MAX_ATTEMPTS) await delay(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
    }
    return delivery;
  }

  /** Forgets past deliveries. */
  clear(): void {
    this.deliveries.length = 0;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
