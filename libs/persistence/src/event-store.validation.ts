import { InvalidAppendError } from './persistence.errors';
import { AppendCommandsRequest, AppendRequest, NewEvent } from './stored-event.types';

/** Refuses a malformed single-command append before it reaches the database. */
export function validateAppend(request: AppendRequest): void {
  const { streamId, expectedVersion, commandId, events } = request;
  validateStream(streamId, expectedVersion);
  validateCommand(commandId, events, '');
}

/** Refuses a malformed batch before it reaches the database. */
export function validateCommands(request: AppendCommandsRequest): void {
  const { streamId, expectedVersion, commands } = request;
  validateStream(streamId, expectedVersion);
  if (!Array.isArray(commands) || commands.length === 0) {
    throw new InvalidAppendError('a batch needs at least one command');
  }
  commands.forEach((command, index) =>
    validateCommand(command.commandId, command.events, `commands[${index}].`),
  );
  if (new Set(commands.map((command) => command.commandId)).size !== commands.length) {
    throw new InvalidAppendError('the command ids of a batch must differ');
  }
}

function validateStream(streamId: string, expectedVersion: number): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidAppendError('streamId must be a non-empty string');
  }
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new InvalidAppendError('expectedVersion must be an integer >= 0');
  }
}

function validateCommand(commandId: string, events: readonly NewEvent[], path: string): void {
  if (typeof commandId !== 'string' || commandId.length === 0) {
    throw new InvalidAppendError(`${path}commandId must be a non-empty string`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(`an append needs at least one event${path ? ` (${path}events)` : ''}`);
  }
  events.forEach((event, index) => {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`${path}events[${index}].type must be a non-empty string`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`${path}events[${index}].schemaVersion must be an integer >= 1`);
    }
    const occurredAt = event.occurredAt instanceof Date ? event.occurredAt : new Date(event.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) {
      throw new InvalidAppendError(`${path}events[${index}].occurredAt must be a valid timestamp`);
    }
  });
}
