import { BenchOptions } from './bench-options';
import { BaselinePlan } from './baseline/baseline.definitions';
import { CasePath } from './case-paths';
import { PhaseResult } from './phases';
import { TuningStep } from './tunings';
import { TemporalTopology } from '../infra/topology';

/** One tuning step's run. */
export interface TuningResult {
  step: TuningStep;
  result: PhaseResult;
}

/** Our phase and the baseline's on one stack (one topology, one worker count). */
export interface MainEntry {
  topology: TemporalTopology;
  service: PhaseResult;
  baseline?: PhaseResult;
  plans?: Record<CasePath, BaselinePlan>;
}

/** Everything a run measured. */
export interface BenchReport {
  startedAt: Date;
  finishedAt: Date;
  options: BenchOptions;
  argv: string[];
  postgres: { kind: string; version: string };
  /** What each topology's Temporal binary said of its version. */
  temporalVersions: Partial<Record<TemporalTopology, string>>;
  main: MainEntry[];
  tunings: TuningResult[];
}

/** The process groups whose CPU is measured. */
export const CPU_GROUPS = ['worker', 'api', 'temporal', 'postgres', 'sandbox', 'bench driver'] as const;

/** How a topology is named in the report's columns. */
export const TOPOLOGY_LABELS: Record<TemporalTopology, string> = {
  'dev-server': 'dev server',
  server: 'cluster',
};
