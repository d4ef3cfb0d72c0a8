import { CaseEvent } from './case.events';
import { evolve } from './case.evolve';
import { CaseScenario } from './case.scenario.testing';

describe('evolve', () => {
  const opened = () => {
    const s = new CaseScenario(new Date('2026-11-05T02:00:00.000Z'));
    s.open();
    return s.state;
  };

  it.each(['FROM_A_NEWER_WRITER', 'toString', 'constructor'])(
    'keeps the state on an event type it does not know (%s), and still counts the event',
    (type) => {
      const state = opened();
      const event = {
        type,
        schemaVersion: 1,
        occurredAt: '2026-11-06T00:00:00.000Z',
        actor: { role: 'system', id: 'aftersales' },
        data: {},
      } as unknown as CaseEvent;
      expect(evolve(state, event)).toEqual({
        ...state,
        version: state.version + 1,
        updatedAt: '2026-11-06T00:00:00.000Z',
      });
    },
  );
});
