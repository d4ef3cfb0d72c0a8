/** Texts of the ops desk page, in English and Chinese. */
export const ops = {
  en: {
    title: 'Ops desk',
    loading: 'Loading…',
    since: 'since',
    attempts_one: '{{count}} attempt',
    attempts_other: '{{count}} attempts',
    temporalUi: 'Temporal UI',
    stuck: {
      title: 'Stuck cases',
      scanned:
        '{{workflows}} running workflows and {{candidates}} read-model candidates looked at; silent after {{silentFor}}; as of',
      refresh: 'Refresh',
      none: 'No case is stuck.',
    },
    column: { case: 'Case', status: 'Status', reasons: 'Why', actions: 'Case actions' },
    reason: {
      PAST_DEADLINE: 'Past a deadline',
      SILENT: 'Silent',
      ACTIVITY_FAILING: 'Activity failing',
      ACTIVITY_PAUSED: 'Activity paused',
      WORKFLOW_TASK_FAILING: 'Workflow task failing',
      REFUND_FAILED: 'Refund refused',
      SLA_BREACHED: 'SLA breached',
      STEP_REFUSED: 'Step refused by an outside system',
    },
    action: {
      replay: 'Replay',
      reset: 'Reset',
      retryActivity: 'Retry now',
      pauseActivity: 'Pause',
      unpauseActivity: 'Unpause',
      retryRefund: 'Retry refund',
      retryStep: 'Retry step',
      resolveStep: 'Resolve step',
    },
    effect: {
      replay:
        "Replays the history of case {{caseId}}'s workflow against the workflow code this API runs, and says whether it is deterministic or where it diverges. Nothing changes (unless you record the check in the case's log).",
      reset:
        "Resets the workflow of case {{caseId}} to {{to}}: a new run replays the history up to there with the current code and runs on from it; the signals and updates received after that point are applied again. The case's event log keeps everything written so far, and the reset is recorded in it.",
      retryActivity:
        'Runs activity {{activityType}} ({{activityId}}) of case {{caseId}} again now, counting its attempts from 1 again (and unpauses it).',
      pauseActivity:
        'Pauses activity {{activityType}} ({{activityId}}) of case {{caseId}}: no further attempt until it is unpaused or retried. The case waits meanwhile.',
      unpauseActivity:
        'Unpauses activity {{activityType}} ({{activityId}}) of case {{caseId}}: its next attempt is scheduled at once, counting attempts from 1 again.',
      retryRefund:
        'Requests refund {{refundId}} of case {{caseId}} again, with the same refund id and idempotency key: it is paid at most once.',
      retryStep:
        'Takes step {{stepKey}} of case {{caseId}} off the attention list and runs it again with the same idempotency key; refused again, it is listed again.',
      resolveStepDONE:
        'Records that step {{stepKey}} of case {{caseId}} happened outside the system, under the reference you give (a refund counts as paid); the case goes on.',
      resolveStepSKIPPED:
        'Records that step {{stepKey}} of case {{caseId}} is not needed: the workflow does not run it again and the case goes on (a refund is never skipped).',
    },
    fields: {
      resetTo: 'Reset to',
      resetToEvent: 'history event #{{eventId}} (the last completed workflow task before the divergence)',
      LAST_WORKFLOW_TASK: 'the last completed workflow task',
      FIRST_WORKFLOW_TASK: 'the first completed workflow task',
      record: "Record a deterministic replay in the case's log",
      outcome: 'Outcome',
      outcomeDONE: 'Done outside (give its reference)',
      outcomeSKIPPED: 'Not needed',
      externalRef: 'External reference',
      reasonRequired: 'Reason (required, kept in the case log)',
      reasonOptional: 'Reason (optional, kept in the case log)',
    },
    dialog: { sending: 'Sending…', confirm: 'Confirm', cancel: 'Cancel', close: 'Close' },
    outcome: {
      replayDeterministic: 'Deterministic: the {{events}} history events replay on the current code.',
      replayDiverges: 'Not deterministic ({{kind}}): the code leaves the history at event #{{eventId}}.',
      resetToSuggested: 'Reset to event #{{eventId}}…',
      reset:
        'Reset done: new run {{runId}} from event #{{eventId}}; case now {{status}}; recorded in the log: {{recorded}}.',
      yes: 'yes',
      no: 'no',
      activity: 'Done: the activity is at attempt {{attempt}}; paused: {{paused}}.',
      activityDone: 'Done: the activity is no longer pending (it completed).',
      caseNow: 'Done: the case is now {{status}}.',
    },
    quality: {
      title: 'Service quality per merchant',
      merchant: 'Merchant',
      allMerchants: 'all merchants',
      from: 'From',
      to: 'To',
      bucket: 'Per',
      day: 'day',
      week: 'week',
      none: 'No cases in this range.',
      totals_one:
        '{{count}} case requested in this range; response time p50 {{p50}}, p90 {{p90}}; approved by timeout {{timeout}}; escalated {{escalated}}.',
      totals_other:
        '{{count}} cases requested in this range; response time p50 {{p50}}, p90 {{p90}}; approved by timeout {{timeout}}; escalated {{escalated}}.',
      distribution: 'Merchant response time (cases)',
      responseTime: 'Response time over time (hours)',
      approvedByTimeout: 'Share approved because the merchant’s clock ran out',
      escalationRate: 'Escalation rate',
      cases: 'cases',
      share: 'approved by timeout',
      rate: 'escalated',
      minutes: '{{value}} min',
      hours: '{{value}} h',
      upTo: '≤ {{hours}} h',
      above: '> {{hours}} h',
    },
  },
  'zh-CN': {
    title: '运维台',
    loading: '加载中…',
    since: '始于',
    attempts_other: '已尝试 {{count}} 次',
    temporalUi: 'Temporal 界面',
    stuck: {
      title: '卡住的售后单',
      scanned:
        '已检查 {{workflows}} 个运行中的工作流和 {{candidates}} 个读模型候选；静默阈值 {{silentFor}}；截至',
      refresh: '刷新',
      none: '没有卡住的售后单。',
    },
    column: { case: '售后单', status: '状态', reasons: '原因', actions: '操作' },
    reason: {
      PAST_DEADLINE: '已过期限',
      SILENT: '长时间无进展',
      ACTIVITY_FAILING: '活动反复失败',
      ACTIVITY_PAUSED: '活动已暂停',
      WORKFLOW_TASK_FAILING: '工作流任务失败',
      REFUND_FAILED: '退款被拒',
      SLA_BREACHED: '违反 SLA',
      STEP_REFUSED: '外部系统拒绝了步骤',
    },
    action: {
      replay: '重放',
      reset: '重置',
      retryActivity: '立即重试',
      pauseActivity: '暂停',
      unpauseActivity: '恢复',
      retryRefund: '重试退款',
      retryStep: '重试步骤',
      resolveStep: '人工处理步骤',
    },
    effect: {
      replay:
        '用本 API 当前部署的工作流代码重放售后单 {{caseId}} 的工作流历史，报告是否确定性一致或在何处分歧。不做任何修改（除非勾选记录到售后日志）。',
      reset:
        '将售后单 {{caseId}} 的工作流重置到{{to}}：新的运行用当前代码重放到该点后继续执行，之后收到的信号和更新会重新应用。售后事件日志中已写入的内容全部保留，并记录这次重置。',
      retryActivity:
        '立即重新执行售后单 {{caseId}} 的活动 {{activityType}}（{{activityId}}），尝试次数从 1 重新计数（并解除暂停）。',
      pauseActivity:
        '暂停售后单 {{caseId}} 的活动 {{activityType}}（{{activityId}}）：在恢复或重试前不再尝试，售后单将等待。',
      unpauseActivity:
        '恢复售后单 {{caseId}} 的活动 {{activityType}}（{{activityId}}）：立即安排下一次尝试，次数从 1 重新计数。',
      retryRefund: '以相同的退款单号和幂等键重新申请售后单 {{caseId}} 的退款 {{refundId}}：最多支付一次。',
      retryStep:
        '将售后单 {{caseId}} 的步骤 {{stepKey}} 移出待处理列表，并以相同的幂等键重新执行；再次被拒会重新列出。',
      resolveStepDONE:
        '记录售后单 {{caseId}} 的步骤 {{stepKey}} 已在系统外完成（填写外部单号；退款视为已支付），售后单继续。',
      resolveStepSKIPPED:
        '记录售后单 {{caseId}} 的步骤 {{stepKey}} 无需执行：工作流不再执行该步骤，售后单继续（退款不可跳过）。',
    },
    fields: {
      resetTo: '重置到',
      resetToEvent: '历史事件 #{{eventId}}（分歧前最后完成的工作流任务）',
      LAST_WORKFLOW_TASK: '最后完成的工作流任务',
      FIRST_WORKFLOW_TASK: '第一个完成的工作流任务',
      record: '确定性一致时记录到售后日志',
      outcome: '处理结果',
      outcomeDONE: '已在系统外完成（填写单号）',
      outcomeSKIPPED: '无需执行',
      externalRef: '外部单号',
      reasonRequired: '原因（必填，记入售后日志）',
      reasonOptional: '原因（选填，记入售后日志）',
    },
    dialog: { sending: '提交中…', confirm: '确认', cancel: '取消', close: '关闭' },
    outcome: {
      replayDeterministic: '确定性一致：{{events}} 个历史事件可在当前代码上重放。',
      replayDiverges: '不一致（{{kind}}）：代码在事件 #{{eventId}} 处偏离历史。',
      resetToSuggested: '重置到事件 #{{eventId}}…',
      reset:
        '已重置：新运行 {{runId}}，从事件 #{{eventId}} 开始；售后单当前状态 {{status}}；已记入日志：{{recorded}}。',
      yes: '是',
      no: '否',
      activity: '完成：该活动当前为第 {{attempt}} 次尝试；暂停：{{paused}}。',
      activityDone: '完成：该活动已不再等待（已完成）。',
      caseNow: '完成：售后单当前状态为 {{status}}。',
    },
    quality: {
      title: '商家服务质量',
      merchant: '商家',
      allMerchants: '全部商家',
      from: '从',
      to: '至',
      bucket: '按',
      day: '天',
      week: '周',
      none: '该时间段内没有售后单。',
      totals_other:
        '该时间段共 {{count}} 个售后申请；响应时长 p50 {{p50}}，p90 {{p90}}；超时自动同意 {{timeout}}；升级 {{escalated}}。',
      distribution: '商家响应时长分布（售后单数）',
      responseTime: '响应时长趋势（小时）',
      approvedByTimeout: '超时自动同意占比',
      escalationRate: '升级率',
      cases: '售后单',
      share: '超时自动同意',
      rate: '升级',
      minutes: '{{value}} 分钟',
      hours: '{{value}} 小时',
      upTo: '≤ {{hours}} 小时',
      above: '> {{hours}} 小时',
    },
  },
};
