import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, parsePolicyJson, Policy, PolicyValidationError } from '../../domain/src';
import { ConfigError, RuntimeConfig } from './runtime-config';

/**
 * The after-sales policy the process decides new cases under: POLICY_FILE when set, else the shipped
 * default. A file that cannot be read or is invalid stops the process with a message naming the field.
 */
export function loadPolicy(config: Pick<RuntimeConfig, 'policyFile'>): Policy {
  if (!config.policyFile) return DEFAULT_POLICY;
  let text: string;
  try {
    text = readFileSync(config.policyFile, 'utf8');
  } catch (error) {
    throw new ConfigError(`POLICY_FILE ${config.policyFile} cannot be read: ${(error as Error).message}`);
  }
  try {
    return parsePolicyJson(text);
  } catch (error) {
    if (error instanceof PolicyValidationError) {
      throw new ConfigError(`POLICY_FILE ${config.policyFile} is invalid: ${error.message}`);
    }
    throw error;
  }
}
