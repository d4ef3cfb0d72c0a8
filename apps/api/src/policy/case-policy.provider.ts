import { Global, Module, Provider } from '@nestjs/common';
import { loadPolicy, RuntimeConfig } from '../../../../libs/config/src';
import { RUNTIME_CONFIG } from '../common/tokens';
import { CASE_POLICY } from './case-policy.token';
import { PolicyController } from './policy.controller';

export { CASE_POLICY };

const casePolicyProvider: Provider = {
  provide: CASE_POLICY,
  inject: [RUNTIME_CONFIG],
  useFactory: (config: RuntimeConfig) => loadPolicy(config),
};

/** Provides {@link CASE_POLICY} to every module, and serves `GET /v1/policy`. */
@Global()
@Module({ controllers: [PolicyController], providers: [casePolicyProvider], exports: [CASE_POLICY] })
export class CasePolicyModule {}
