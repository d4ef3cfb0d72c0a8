import { isGrpcServiceError } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';

/** The gRPC status codes the ops endpoints tell apart (grpc-js's `status` enum, without importing it). */
export const GRPC_STATUS = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
} as const;

/** The gRPC status code of a failed Temporal RPC, or undefined for anything else. */
export function grpcStatusOf(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return isGrpcServiceError(cause) ? cause.code : undefined;
}

/** The server's own message of a failed RPC (grpc-js prefixes `details` with the status). */
export function grpcMessageOf(error: unknown): string {
  if (isGrpcServiceError(error)) return error.details || error.message;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isGrpcServiceError(cause)) return cause.details || cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** A protobuf int64 (a Long, or a number) as a number: event ids and seconds stay far below 2^53. */
export function int64(value: { toString(): string } | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value.toString());
}

/** A protobuf timestamp as ISO 8601, or null when absent. */
export function isoOf(timestamp: google.protobuf.ITimestamp | null | undefined): string | null {
  if (!timestamp) return null;
  const seconds = int64(timestamp.seconds);
  const millis = Math.floor((timestamp.nanos ?? 0) / 1_000_000);
  if (seconds === 0 && millis === 0) return null;
  return new Date(seconds * 1000 + millis).toISOString();
}

/** A protobuf duration in milliseconds, or null when absent. */
export function millisOf(duration: google.protobuf.IDuration | null | undefined): number | null {
  if (!duration) return null;
  return int64(duration.seconds) * 1000 + Math.floor((duration.nanos ?? 0) / 1_000_000);
}

/** Pending activity state names, for answers (`SCHEDULED`, `STARTED`, `CANCEL_REQUESTED`, `PAUSED`...). */
export function pendingActivityStateName(state: number | null | undefined): string {
  const name = temporal.api.enums.v1.PendingActivityState[state ?? 0] ?? 'UNSPECIFIED';
  return name.replace(/^PENDING_ACTIVITY_STATE_/, '');
}
