import type { ActivityActionAnswer } from '../../apps/api/src/ops/activity-action.use-case';
import type { ReplayAnswer } from '../../apps/api/src/ops/replay-case.use-case';
import type { ResetAnswer } from '../../apps/api/src/ops/reset-case.use-case';
import type { StuckCasesAnswer } from '../../apps/api/src/ops/stuck-cases.service';
import type { CaseView } from '../../libs/domain/src';
import type { ReadModelsRebuildResult, ServiceQualityFigures } from '../../libs/persistence/src';
import { flag, onlyOptions, option, ParsedArgs, positionals, UsageError } from './cli-args';
import { OpsClient } from './ops-client';
import { resolveStep, retryStep } from './step-commands';
import { renderFields, renderTable } from './table';

/** Where a command writes: its result to `out`, progress and notes to `err`. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** One CLI command: what it does (for help) and how. */
export interface OpsCommand {
  usage: string;
  summary: string;
  run(args: ParsedArgs, client: OpsClient, io: CommandIo): Promise<void>;
}

const path = (...segments: string[]) => segments.map((segment) => encodeURIComponent(segment)).join('/');

/** Prints `value` as JSON with `--json`; otherwise runs `render`. */
function print(args: ParsedArgs, io: CommandIo, value: unknown, render: () => string): void {
  io.out(flag(args, 'json') ? JSON.stringify(value, null, 2) : render());
}

/** A timestamp as `2026-11-23 05:05:41Z` (shorter in a table). */
function shortTime(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-';
}

function positiveInt(args: ParsedArgs, name: string): number | undefined {
  const text = option(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

const stuck: OpsCommand = {
  usage: 'stuck [--silent-for PT24H] [--deadline-grace PT5M] [--min-attempts 2] [--limit 50] [--scan 200]',
  summary: 'cases past a deadline, with a failing or paused activity, failing workflow tasks, or silent',
  async run(args, client, io) {
    onlyOptions(args, 'silent-for', 'deadline-grace', 'min-attempts', 'limit', 'scan');
    positionals(args);
    const query = new URLSearchParams();
    const params: Array<[string, string]> = [
      ['silent-for', 'silentFor'],
      ['deadline-grace', 'deadlineGrace'],
      ['min-attempts', 'minAttempts'],
      ['limit', 'limit'],
      ['scan', 'scan'],
    ];
    for (const [name, param] of params) {
      const value =
        name.endsWith('-for') || name.endsWith('-grace') ? option(args, name) : positiveInt(args, name);
      if (value !== undefined) query.set(param, String(value));
    }
    const answer = await client.get<StuckCasesAnswer>(`/v1/ops/stuck-cases${query.size ? `?${query}` : ''}`);
    print(args, io, answer, () => {
      const scanned =
        `${answer.scanned.runningWorkflows} running workflow(s) described` +
        `${answer.scanned.runningWorkflowsTruncated ? ' (more exist: raise --scan)' : ''}, ` +
        `${answer.scanned.readModelCandidates} read-model candidate(s); silent after ${answer.thresholds.silentFor}, ` +
        `deadlines ${answer.thresholds.deadlineGrace} past, activities from attempt ${answer.thresholds.minAttempts}`;
      if (answer.items.length === 0) return `No stuck cases.\n${scanned}`;
      const rows = answer.items.flatMap((item) =>
        item.reasons.map((reason, index) => [
          index === 0 ? item.caseId : '',
          index === 0 ? item.status : '',
          reason.kind,
          shortTime(reason.since),
          reason.detail,
        ]),
      );
      return [
        `${answer.items.length} stuck case(s)`,
        '',
        renderTable(['CASE', 'STATUS', 'REASON', 'SINCE', 'DETAIL'], rows),
        '',
        'Temporal UI:',
        ...answer.items.map((item) => `  ${item.caseId}  ${item.temporalUiUrl}`),
        '',
        scanned,
      ].join('\n');
    });
  },
};

const replay: OpsCommand = {
  usage: 'replay <caseId> [--record] [--reason TEXT]',
  summary: "replays the case's workflow history against the deployed workflow code",
  async run(args, client, io) {
    onlyOptions(args, 'record', 'reason');
    const [caseId] = positionals(args, 'caseId');
    const reason = option(args, 'reason');
    const answer = await client.post<ReplayAnswer>(`/v1/ops/cases/${path(caseId)}/replay`, {
      record: flag(args, 'record'),
      ...(reason ? { reason } : {}),
    });
    print(args, io, answer, () => {
      const fields: Array<[string, string]> = [
        ['case', answer.caseId],
        ['run', `${answer.runId} (${answer.workflowStatus}, ${answer.historyLength} history events)`],
        ['replayed on', answer.replayedAgainst],
        ['result', answer.deterministic ? 'DETERMINISTIC' : `DIVERGES (${answer.kind})`],
      ];
      if (answer.divergence) fields.push(['divergence', answer.divergence]);
      if (answer.suggestedResetEventId !== undefined) {
        fields.push([
          'to fix',
          `deploy code that replays it, or reset the run to the task before the divergence:\n` +
            `              npm run ops -- reset ${answer.caseId} --to ${answer.suggestedResetEventId} --reason "..."`,
        ]);
      }
      fields.push([
        'recorded',
        answer.recorded
          ? 'yes (OPS_ACTION_RECORDED REPLAY)'
          : `no${answer.recordError ? ` (${answer.recordError})` : ''}`,
      ]);
      fields.push(['temporal UI', answer.temporalUiUrl]);
      return renderFields(fields);
    });
  },
};

const reset: OpsCommand = {
  usage:
    'reset <caseId> --to LAST_WORKFLOW_TASK|FIRST_WORKFLOW_TASK|<eventId> --reason TEXT [--request-id ID]',
  summary: "resets the case's workflow to a workflow task, keeping signals and updates",
  async run(args, client, io) {
    onlyOptions(args, 'to', 'reason', 'request-id');
    const [caseId] = positionals(args, 'caseId');
    const to = option(args, 'to');
    const reason = option(args, 'reason');
    if (!to || !reason) throw new UsageError('reset needs --to and --reason');
    const requestId = option(args, 'request-id');
    const answer = await client.post<ResetAnswer>(`/v1/ops/cases/${path(caseId)}/reset`, {
      to: /^\d+$/.test(to) ? Number(to) : to,
      reason,
      ...(requestId ? { requestId } : {}),
    });
    print(args, io, answer, () =>
      renderFields([
        ['case', answer.caseId],
        [
          'reset to',
          `event ${answer.resetTo.eventId} (${answer.resetTo.eventType}, ${shortTime(answer.resetTo.eventTime)})`,
        ],
        ['previous run', answer.previousRunId],
        ['new run', answer.runId],
        [
          'recorded',
          answer.recorded ? 'yes (OPS_ACTION_RECORDED RESET)' : `NO: ${answer.recordError ?? 'unknown'}`,
        ],
        ['case', answer.case ? `${answer.case.status}, version ${answer.case.version}` : '-'],
        ['temporal UI', answer.temporalUiUrl],
      ]),
    );
  },
};

function activityCommand(action: 'retry' | 'pause' | 'unpause', summary: string): OpsCommand {
  return {
    usage: `${action}-activity <caseId> <activityId> [--reason TEXT]${action === 'unpause' ? ' [--reset-attempts]' : ''}`,
    summary,
    async run(args, client, io) {
      onlyOptions(args, 'reason', ...(action === 'unpause' ? ['reset-attempts'] : []));
      const [caseId, activityId] = positionals(args, 'caseId', 'activityId');
      const reason = option(args, 'reason');
      const answer = await client.post<ActivityActionAnswer>(
        `/v1/ops/cases/${path(caseId)}/activities/${path(activityId)}/${action}`,
        {
          ...(reason ? { reason } : {}),
          ...(flag(args, 'reset-attempts') ? { resetAttempts: true } : {}),
        },
      );
      print(args, io, answer, () => {
        const activity = answer.activity;
        return renderFields([
          ['case', answer.caseId],
          ['action', answer.action],
          [
            'activity',
            activity
              ? `${activity.activityId} ${activity.activityType}: ${activity.state}, attempt ${activity.attempt}` +
                `${activity.paused ? ', paused' : ''}${activity.nextAttemptAt ? `, next attempt ${shortTime(activity.nextAttemptAt)}` : ''}`
              : 'no longer pending (it completed)',
          ],
          ['last error', activity?.lastError ?? '-'],
          [
            'noted in log',
            answer.recorded ? 'yes' : answer.recordError ? `no (${answer.recordError})` : 'no (no --reason)',
          ],
          ['temporal UI', answer.temporalUiUrl],
        ]);
      });
    },
  };
}

const retryRefund: OpsCommand = {
  usage: 'retry-refund <caseId> <refundId> --reason TEXT',
  summary: 'requests a refund the refund system refused for good again (same idempotency key)',
  async run(args, client, io) {
    onlyOptions(args, 'reason', 'retry-id');
    const [caseId, refundId] = positionals(args, 'caseId', 'refundId');
    const reason = option(args, 'reason');
    if (!reason) throw new UsageError('retry-refund needs --reason');
    const retryId = option(args, 'retry-id');
    const view = await client.post<CaseView>(
      `/v1/ops/cases/${path(caseId)}/refunds/${path(refundId)}/retry`,
      {
        reason,
        ...(retryId ? { retryId } : {}),
      },
    );
    print(args, io, view, () =>
      [
        renderFields([
          ['case', view.caseId],
          ['status', `${view.status}, version ${view.version}`],
        ]),
        '',
        renderTable(
          ['REFUND', 'STATUS', 'AMOUNT'],
          (view.resolution?.refunds ?? []).map((refund) => [
            refund.refundId,
            refund.status,
            `${refund.amount.amount} ${refund.amount.currency}`,
          ]),
        ),
      ].join('\n'),
    );
  },
};

const rebuild: OpsCommand = {
  usage: 'rebuild',
  summary: 'rebuilds the read models from the event log and says how long it took',
  async run(args, client, io) {
    onlyOptions(args);
    positionals(args);
    io.err('rebuilding the read models from the event log...');
    const started = performance.now();
    const answer = await client.post<ReadModelsRebuildResult & { durationMs?: number }>(
      '/v1/ops/projections/rebuild',
    );
    const wallMs = Math.round(performance.now() - started);
    print(args, io, { ...answer, wallClockMs: wallMs }, () => {
      const views = answer.caseViews;
      return [
        renderTable(
          ['READ MODEL', 'EVENTS', 'STREAMS', 'VIEWS', 'NOTES'],
          [
            [
              'case_views',
              String(views.events),
              String(views.streams),
              String(views.views),
              `swapped ${views.swapped ? 'in' : 'no'}; ${views.caughtUpStreams} stream(s) caught up at the swap; ` +
                `${views.differencesFromLive} live view(s) differed and were repaired`,
            ],
            ...answer.projections.map((projection) => [
              projection.name,
              String(projection.events),
              '-',
              '-',
              'replayed from the start',
            ]),
          ],
        ),
        '',
        `took ${answer.durationMs ?? wallMs} ms on the server (${wallMs} ms here)`,
      ].join('\n');
    });
  },
};

const metrics: OpsCommand = {
  usage: 'metrics [--merchant ID]',
  summary: 'service-quality figures of one merchant, or the totals',
  async run(args, client, io) {
    onlyOptions(args, 'merchant');
    positionals(args);
    const merchant = option(args, 'merchant');
    const figures = await client.get<ServiceQualityFigures>(
      `/v1/ops/metrics/service-quality${merchant ? `?merchantId=${encodeURIComponent(merchant)}` : ''}`,
    );
    print(args, io, figures, () =>
      renderTable(
        ['FIGURE', 'VALUE'],
        Object.entries(figures).map(([name, value]) => [
          name,
          typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(3) : String(value ?? '-'),
        ]),
      ),
    );
  },
};

/** Every command, by name. */
export const COMMANDS: Record<string, OpsCommand> = {
  stuck,
  replay,
  reset,
  'retry-activity': activityCommand(
    'retry',
    'retries a failing activity now, attempts counted from 1 (unpauses it)',
  ),
  'pause-activity': activityCommand('pause', 'pauses a failing activity: no more attempts until unpaused'),
  'unpause-activity': activityCommand('unpause', 'unpauses an activity; its next attempt runs at once'),
  'retry-refund': retryRefund,
  'retry-step': retryStep,
  'resolve-step': resolveStep,
  rebuild,
  metrics,
};
