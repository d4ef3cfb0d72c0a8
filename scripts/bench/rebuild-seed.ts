import { randomUUID } from 'node:crypto';
import { EventStore } from '../../libs/persistence/src';
import { GENERATED_CASES_START, generateCaseEvents, seededRandom, toNewEvent } from './rebuild-cases';

/** What {@link seedCases} wrote. */
export interface SeedResult {
  cases: number;
  events: number;
  /** Case ids, for the readers of the load. */
  caseIds: string[];
  ms: number;
}

/** Appends in flight at once while seeding. */
const SEED_CONCURRENCY = 4;

/**
 * Writes generated cases through the event store (with its inline case view projection, as the
 * service does) until the log holds at least `events` events: each case's events in one append.
 */
export async function seedCases(
  store: EventStore,
  options: { events: number; seed: number; log: (line: string) => void },
): Promise<SeedResult> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const caseIds: string[] = [];
  let events = 0;
  let nextReport = 10_000;
  const next = () => {
    if (events >= options.events) return null;
    for (let refused = 0; ; refused += 1) {
      if (refused > 100) throw new Error('the domain refuses every generated request');
      const caseId = `case-${String(caseIds.length).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
      const opened = new Date(GENERATED_CASES_START + caseIds.length * 1000);
      const generated = generateCaseEvents(caseId, random, opened);
      if (generated.length === 0) continue;
      caseIds.push(caseId);
      events += generated.length;
      return { caseId, generated };
    }
  };
  const appender = async () => {
    for (let work = next(); work; work = next()) {
      await store.append({
        streamId: work.caseId,
        expectedVersion: 0,
        commandId: `seed-${work.caseId}`,
        events: work.generated.map(toNewEvent),
      });
      if (events >= nextReport) {
        options.log(`seeded ${events} events (${caseIds.length} cases)`);
        nextReport += 10_000;
      }
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, appender));
  return { cases: caseIds.length, events, caseIds, ms: performance.now() - started };
}
