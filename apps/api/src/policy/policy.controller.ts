import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Policy } from '../../../../libs/domain/src';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { namedSchema } from '../common/openapi-components';
import { ApiErrors } from '../common/openapi-docs';
import { CASE_POLICY } from './case-policy.token';
import { PolicySummary, policySummary, policySummarySchema } from './policy.view';

/** `GET /v1/policy`: the policy's time zone and clocks, for every authenticated role. */
@ApiTags('policy')
@Controller('v1/policy')
export class PolicyController {
  constructor(@Inject(CASE_POLICY) private readonly policy: Policy) {}

  @Get()
  @ApiOperation({
    summary: "The policy's version, time zone and clocks (read-only, every role)",
    description:
      'The policy new cases are decided under (`POLICY_FILE` or the shipped default): its `timeZone` (day ' +
      'windows are counted and times are best shown in it) and the clocks of each profile as ISO 8601 ' +
      "durations. `clocks` are a merchant's own profile's for a merchant token, the default profile's " +
      'otherwise. A case keeps the policy version it was decided under (`eligibility.policyVersion`); its ' +
      'running deadlines are in its view.',
  })
  @ApiResponse({ status: 200, schema: namedSchema('PolicySummary', policySummarySchema) })
  @ApiErrors()
  get(@Req() request: AuthenticatedRequest): PolicySummary {
    return policySummary(this.policy, request.caller);
  }
}
