import { randomUUID } from 'node:crypto';
import { CaseViewQueries, EventStore } from '../../libs/persistence/src';
import { GENERATED_CASES_START, generateCaseEvents, seededRandom, toNewEvent } from './rebuild-cases';

/** One operation of the load: when it started and ended (performance.now() ms), and whether it failed. */
export interface LoadSample {
  startedAt: number;
  endedAt: number;
  failed: boolean;
}

/** The samples of a running load, per loop. */
export interface RunningLoad {
  appends: LoadSample[];
  reads: LoadSample[];
  /** Cases the appender opened. */
  opened: string[];
  /** Stops both loops and waits for the operations in flight. */
  stop(): Promise<void>;
}

/**
 * A steady load beside the rebuild, as the service puts on the log: one appender that opens
 * generated cases and appends their events two at a time (as workflow tasks do), and one reader
 * that reads a case view by id and a page of a merchant's list, one after the other.
 */
export function startLoad(
  store: EventStore,
  queries: CaseViewQueries,
  options: { caseIds: readonly string[]; seed: number },
): RunningLoad {
  const load: RunningLoad = { appends: [], reads: [], opened: [], stop: async () => undefined };
  let running = true;
  const timed = async (samples: LoadSample[], work: () => Promise<unknown>) => {
    const startedAt = performance.now();
    let failed = false;
    try {
      await work();
    } catch (error) {
      failed = true;
      console.warn(`load operation failed: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    samples.push({ startedAt, endedAt: performance.now(), failed });
  };
  const random = seededRandom(options.seed);
  const appender = (async () => {
    for (let refused = 0; running;) {
      const caseId = `load-${randomUUID()}`;
      const events = generateCaseEvents(caseId, random, new Date(GENERATED_CASES_START)).map(toNewEvent);
      if (events.length === 0) {
        if ((refused += 1) > 100) throw new Error('the domain refuses every generated request');
        continue;
      }
      refused = 0;
      load.opened.push(caseId);
      for (let at = 0; at < events.length && running; at += 2) {
        await timed(load.appends, () =>
          store.append({
            streamId: caseId,
            expectedVersion: at,
            commandId: `load-${caseId}-${at}`,
            events: events.slice(at, at + 2),
          }),
        );
      }
    }
  })();
  const reader = (async () => {
    for (let round = 0; running; round += 1) {
      const caseId = options.caseIds[Math.floor(random() * options.caseIds.length)];
      await timed(load.reads, async () => {
        await queries.getById(caseId);
        await queries.list({ merchantId: `m-${round % 20}`, limit: 20 });
      });
    }
  })();
  load.stop = async () => {
    running = false;
    await Promise.all([appender, reader]);
  };
  return load;
}
