import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { RuntimeConfig } from '../../../../libs/config/src';
import {
  recordSupplierCreditUpdate,
  SupplierBatch,
  supplierBatchesQuery,
  supplierIdOfBatch,
  supplierReturnsWorkflowId,
} from '../../../../workflows/supplier-returns.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { forbiddenOwner } from '../common/case-access';
import { RUNTIME_CONFIG } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import { updateFailureToApiError } from '../temporal/workflow-failure.mapper';
import type { SupplierCreditBody, SupplierReturnsQuery } from './supplier-returns.schemas';

/** Workflow type of the per-supplier batching workflow (the name of its exported function). */
const SUPPLIER_RETURNS_WORKFLOW_TYPE = 'supplierReturnsWorkflow';

/** Longest the batches query of one supplier workflow may take. */
const QUERY_TIMEOUT_MS = 5000;

/** Most supplier workflows listed in one `GET /v1/supplier-returns` without `supplierId`. */
const MAX_SUPPLIERS_LISTED = 200;

/** Supplier returns (返厂): credit notes as updates of the supplier's workflow, batches from its query. */
@Injectable()
export class SupplierReturnsService {
  constructor(
    private readonly temporal: TemporalConnection,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  /** Records a credit note on its batch; 404 for a batch that is not ours, 409 when not shipped. */
  async recordCredit(caller: TokenClaims, batchId: string, body: SupplierCreditBody): Promise<SupplierBatch> {
    const supplierId = supplierIdOfBatch(batchId);
    if (!supplierId) throw ApiError.notFound(`supplier batch ${batchId}`);
    this.assertSupplier(caller, supplierId);
    const handle = this.temporal.client.workflow.getHandle(supplierReturnsWorkflowId(supplierId));
    try {
      return await handle.executeUpdate(recordSupplierCreditUpdate, {
        args: [{ batchId, creditNoteId: body.creditNoteId, amount: body.amount }],
        updateId: `credit:${batchId}:${body.creditNoteId}`,
      });
    } catch (error) {
      const mapped = updateFailureToApiError(error);
      if (mapped) throw mapped;
      if (error instanceof WorkflowNotFoundError) throw ApiError.notFound(`supplier batch ${batchId}`);
      throw error;
    }
  }

  /** The batches of one supplier (forced for a supplier token with `supplierId`), or of all, by status. */
  async list(caller: TokenClaims, query: SupplierReturnsQuery): Promise<SupplierBatch[]> {
    let supplierId = query.supplierId;
    if (caller.role === 'supplier' && caller.supplierId) {
      if (supplierId && supplierId !== caller.supplierId) {
        throw forbiddenOwner('a supplier lists its own batches only');
      }
      supplierId = caller.supplierId;
    }
    const supplierIds = supplierId ? [supplierId] : await this.runningSuppliers();
    const batches = (await Promise.all(supplierIds.map((id) => this.batchesOf(id)))).flat();
    return query.status ? batches.filter((batch) => batch.status === query.status) : batches;
  }

  private assertSupplier(caller: TokenClaims, supplierId: string): void {
    if (caller.role === 'supplier' && caller.supplierId && caller.supplierId !== supplierId) {
      throw forbiddenOwner('this batch belongs to another supplier');
    }
  }

  /**
   * The suppliers with a running batching workflow on this deployment's case task queue: a workflow of
   * another deployment sharing the namespace has no worker here and would not answer the query.
   */
  private async runningSuppliers(): Promise<string[]> {
    const ids: string[] = [];
    const prefix = supplierReturnsWorkflowId('');
    const executions = this.temporal.client.workflow.list({
      query:
        `WorkflowType = '${SUPPLIER_RETURNS_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'` +
        ` AND TaskQueue = '${this.config.caseTaskQueue}'`,
    });
    for await (const execution of executions) {
      if (execution.workflowId.startsWith(prefix)) ids.push(execution.workflowId.slice(prefix.length));
      if (ids.length >= MAX_SUPPLIERS_LISTED) break;
    }
    return ids;
  }

  private async batchesOf(supplierId: string): Promise<SupplierBatch[]> {
    const handle = this.temporal.client.workflow.getHandle(supplierReturnsWorkflowId(supplierId));
    try {
      return await this.temporal.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        handle.query(supplierBatchesQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return [];
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'SUPPLIER_RETURNS_UNAVAILABLE',
        `the batches of supplier ${supplierId} could not be read: ${(error as Error).message}`,
      );
    }
  }
}
