import type { CaseView } from '../../libs/domain/src';
import { flag, onlyOptions, option, ParsedArgs, positionals, UsageError } from './cli-args';
import type { CommandIo, OpsCommand } from './commands';
import { OpsClient } from './ops-client';
import { renderFields, renderTable } from './table';

const stepPath = (caseId: string, stepKey: string, action: 'retry' | 'resolve') =>
  `/v1/ops/cases/${encodeURIComponent(caseId)}/steps/${encodeURIComponent(stepKey)}/${action}`;

/** The case after a step action: its status and the steps still waiting for ops (JSON with `--json`). */
function printCase(args: ParsedArgs, io: CommandIo, view: CaseView): void {
  if (flag(args, 'json')) {
    io.out(JSON.stringify(view, null, 2));
    return;
  }
  const waiting = view.needsAttention ?? [];
  io.out(
    [
      renderFields([
        ['case', view.caseId],
        ['status', `${view.status}, version ${view.version}`],
        ['waiting for ops', String(waiting.length)],
      ]),
      ...(waiting.length === 0
        ? []
        : [
            '',
            renderTable(
              ['STEP KEY', 'ERROR', 'SINCE'],
              waiting.map((item) => [item.stepKey, `${item.error.code}: ${item.error.message}`, item.since]),
            ),
          ]),
    ].join('\n'),
  );
}

/** `retry-step`: runs a step an outside system refused (listed in needsAttention) again. */
export const retryStep: OpsCommand = {
  usage: 'retry-step <caseId> <stepKey> --reason TEXT [--retry-id ID]',
  summary: 'runs a step listed in needsAttention again (same idempotency key)',
  async run(args: ParsedArgs, client: OpsClient, io: CommandIo) {
    onlyOptions(args, 'reason', 'retry-id');
    const [caseId, stepKey] = positionals(args, 'caseId', 'stepKey');
    const reason = option(args, 'reason');
    if (!reason) throw new UsageError('retry-step needs --reason');
    const retryId = option(args, 'retry-id');
    const view = await client.post<CaseView>(stepPath(caseId, stepKey, 'retry'), {
      reason,
      ...(retryId ? { retryId } : {}),
    });
    printCase(args, io, view);
  },
};

/** `resolve-step`: records a refused step done outside (with its reference) or not needed. */
export const resolveStep: OpsCommand = {
  usage: 'resolve-step <caseId> <stepKey> --outcome DONE|SKIPPED [--external-ref REF] --note TEXT',
  summary: 'resolves a step listed in needsAttention by hand (DONE needs --external-ref); the case goes on',
  async run(args: ParsedArgs, client: OpsClient, io: CommandIo) {
    onlyOptions(args, 'outcome', 'external-ref', 'note');
    const [caseId, stepKey] = positionals(args, 'caseId', 'stepKey');
    const outcome = option(args, 'outcome');
    if (outcome !== 'DONE' && outcome !== 'SKIPPED') {
      throw new UsageError('resolve-step needs --outcome DONE or --outcome SKIPPED');
    }
    const note = option(args, 'note');
    if (!note) throw new UsageError('resolve-step needs --note');
    const externalRef = option(args, 'external-ref');
    if (outcome === 'DONE' && !externalRef)
      throw new UsageError('resolve-step --outcome DONE needs --external-ref');
    const view = await client.post<CaseView>(stepPath(caseId, stepKey, 'resolve'), {
      outcome,
      note,
      ...(externalRef ? { externalRef } : {}),
    });
    printCase(args, io, view);
  },
};
