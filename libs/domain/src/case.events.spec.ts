import { CASE_EVENT_SCHEMA_VERSIONS, toCaseEvent } from './case.events';

const stored = (schemaVersion: number, data: unknown) => ({
  type: 'REPLACEMENT_RESERVED',
  schemaVersion,
  occurredAt: new Date('2026-11-01T00:00:00Z'),
  actor: { role: 'system', id: 'workflow' },
  data,
});

describe('reading stored case events', () => {
  it('reads a v1 replacement reservation (comma-joined ids) as the list of its reservations', () => {
    const event = toCaseEvent(stored(1, { reservationId: 'res-1,res-2' }));
    expect(event.schemaVersion).toBe(CASE_EVENT_SCHEMA_VERSIONS.REPLACEMENT_RESERVED);
    expect(event.data).toEqual({ reservationIds: ['res-1', 'res-2'] });
  });

  it('reads a v2 replacement reservation as stored', () => {
    const event = toCaseEvent(stored(2, { reservationIds: ['res-1'] }));
    expect(event.data).toEqual({ reservationIds: ['res-1'] });
    expect(event.occurredAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('refuses an event stored by newer code than this', () => {
    expect(() => toCaseEvent(stored(3, { reservationIds: [] }))).toThrow(/newer than this code/);
  });

  it('refuses an unknown event type', () => {
    expect(() => toCaseEvent({ ...stored(1, {}), type: 'NO_SUCH_EVENT' })).toThrow(/unknown case event type/);
  });
});
