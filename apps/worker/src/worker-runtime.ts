import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, WorkflowBundleOption } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createAllowanceActivities } from '../../../activities/allowance.activities';
import { createCarrierActivities } from '../../../activities/carrier.activities';
import { createCustomerActivities } from '../../../activities/customer.activities';
import { createEventLogActivities } from '../../../activities/append-events.activity';
import { createRefundActivities } from '../../../activities/refund.activities';
import { createRepairActivities } from '../../../activities/repair.activities';
import { createSupplierActivities } from '../../../activities/supplier.activities';
import { createTrackingNumberActivities } from '../../../activities/tracking-number.activities';
import { createWarehouseActivities } from '../../../activities/warehouse.activities';
import { dataConverterFor } from '../../../libs/codec/src';
import { RuntimeConfig } from '../../../libs/config/src';
import { createIntegrationClients, integrationsConfigFromEnv } from '../../../libs/integrations/src';
import {
  caseViewProjection,
  EventStore,
  initDatabase,
  Projector,
  serviceQualityProjection,
} from '../../../libs/persistence/src';
import { supplierReturnsInbox } from './supplier-returns.inbox';
import { createWorkers } from './workers';

/** Everything one worker process needs, built from the configuration. */
export interface WorkerRuntimeOptions {
  config: RuntimeConfig;
  connection: NativeConnection;
  /** Where the external systems' URLs are read (`integrationsConfigFromEnv`). */
  env: NodeJS.ProcessEnv;
  workflowBundle?: WorkflowBundleOption;
}

/** A worker process's workers and the resources they hold. */
export interface WorkerRuntime {
  workers: Worker[];
  dataSource: DataSource;
  /** Runs every worker until shutdown; rejects when one fails. */
  run(): Promise<void>;
  /** Asks the workers to drain and stop. */
  shutdown(): void;
  /** Releases the database and the client connection (after `run` settled). */
  close(): Promise<void>;
}

/** Wires the activities to PostgreSQL, the external systems and Temporal, and creates the workers. */
export async function createWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { config } = options;
  const dataSource = await initDatabase(config.databaseUrl, { applicationName: 'aftersales-worker' });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const dataConverter = dataConverterFor(config);
  const temporal = new Client({
    connection: clientConnection,
    namespace: config.temporalNamespace,
    dataConverter,
  });
  const clients = createIntegrationClients(integrationsConfigFromEnv(options.env));
  const eventStore = new EventStore(dataSource, { inlineProjections: [caseViewProjection] });

  const workers = await createWorkers({
    connection: options.connection,
    namespace: config.temporalNamespace,
    caseTaskQueue: config.caseTaskQueue,
    refundTaskQueue: config.refundTaskQueue,
    workflowBundle: options.workflowBundle,
    dataConverter,
    caseActivities: {
      ...createEventLogActivities(eventStore),
      ...createAllowanceActivities(dataSource),
      ...createTrackingNumberActivities(dataSource),
      ...createCarrierActivities(clients.carrier),
      ...createWarehouseActivities(clients.wms),
      ...createRepairActivities(clients.repairCentre),
      ...createSupplierActivities(clients.supplier, supplierReturnsInbox(temporal)),
      ...createCustomerActivities(clients.notification, clients.insurance),
    },
    refundActivities: createRefundActivities(clients.refundSystem),
  });

  // The async read models follow the log from here; with several workers, an advisory lock lets one
  // projector run at a time and the others stand by.
  const projectors = [new Projector(dataSource, serviceQualityProjection)];

  return {
    workers,
    dataSource,
    run: async () => {
      for (const projector of projectors) {
        projector.start({
          onError: (error) =>
            console.error(`projector ${projector.projection.name}: ${(error as Error).message}`),
        });
      }
      try {
        await Promise.all(workers.map((worker) => worker.run()));
      } finally {
        await Promise.all(projectors.map((projector) => projector.stop()));
      }
    },
    shutdown: () => {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    },
    close: async () => {
      await clientConnection.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
