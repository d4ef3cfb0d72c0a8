import { Global, Module, Provider } from '@nestjs/common';
import { loadPolicy, RuntimeConfig } from '../../../../libs/config/src';
import { RUNTIME_CONFIG } from '../common/tokens';

/**
 * Injection token of the policy new cases are decided under: `POLICY_FILE` or the shipped default,
 * parsed once at start-up (a bad file stops the API with a message naming the field) and passed
 * whole to each case workflow, which keeps it for the case's life.
 */
export const CASE_POLICY = Symbol('CASE_POLICY');

const casePolicyProvider: Provider = {
  provide: CASE_POLICY,
  inject: [RUNTIME_CONFIG],
  useFactory: (config: RuntimeConfig) => loadPolicy(config),
};

/** Provides {@link CASE_POLICY} to every module. */
@Global()
@Module({ providers: [casePolicyProvider], exports: [CASE_POLICY] })
export class CasePolicyModule {}
