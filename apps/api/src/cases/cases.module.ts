import { Module } from '@nestjs/common';
import { CaseActionsController } from './case-actions.controller';
import { CaseActionsService } from './case-actions.service';
import { CaseViewsService } from './case-views.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** Cases: open, read, list, events, and the actions on a case. */
@Module({
  controllers: [CasesController, CaseActionsController],
  providers: [CasesService, CaseViewsService, CaseActionsService],
  exports: [CaseViewsService, CaseActionsService],
})
export class CasesModule {}
