import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RuntimeConfig } from '../../../../libs/config/src';
import { Roles } from '../auth/auth.guard';
import { namedSchema } from '../common/openapi-components';
import { ApiErrors } from '../common/openapi-docs';
import { RUNTIME_CONFIG } from '../common/tokens';
import { CaseWorkflowLocator } from './case-workflow.locator';
import { temporalUiWorkflowUrl } from './temporal-ui';

/** `GET /v1/ops/cases/{caseId}/links`: where ops look at a case outside the API. */
export const caseLinksSchema = z.object({
  caseId: z.string(),
  workflowId: z.string().describe('The case workflow, `case-<caseId>`.'),
  runId: z.string().nullable().describe("The workflow's current run (null once past the retention)."),
  links: z.object({
    temporalUi: z.url().describe("The workflow's page in the Temporal Web UI (TEMPORAL_UI_URL)."),
    temporalUiRun: z.url().nullable().describe("The current run's history page (null without a run)."),
  }),
});

/** The answer of `GET /v1/ops/cases/{caseId}/links`. */
export type CaseLinks = z.infer<typeof caseLinksSchema>;

/** Links of a case for ops (the Temporal Web UI of its workflow); ops only, as the UI shows whole histories. */
@ApiTags('ops')
@Roles('ops')
@Controller('v1/ops/cases/:caseId/links')
export class CaseLinksController {
  constructor(
    private readonly locator: CaseWorkflowLocator,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The case workflow's page in the Temporal Web UI (ops only)",
    description:
      '`<TEMPORAL_UI_URL>/namespaces/<namespace>/workflows/case-<caseId>` (history, pending activities, ' +
      'stack trace, queries) and its current run. 404 for a case neither the read model nor Temporal knows.',
  })
  @ApiParam({ name: 'caseId' })
  @ApiResponse({ status: 200, schema: namedSchema('CaseLinks', caseLinksSchema) })
  @ApiErrors(403, 404)
  async links(@Param('caseId') caseId: string): Promise<CaseLinks> {
    const located = await this.locator.locate(caseId);
    const runId = located.description?.runId ?? null;
    return {
      caseId,
      workflowId: located.workflowId,
      runId,
      links: {
        temporalUi: temporalUiWorkflowUrl(this.config, located.workflowId),
        temporalUiRun: runId ? temporalUiWorkflowUrl(this.config, located.workflowId, runId) : null,
      },
    };
  }
}
