/** The baseline's only activity: does nothing and answers its argument (no I/O, no domain logic). */
export function createBaselineActivities() {
  return {
    async baselineStep(sequence: number): Promise<number> {
      return sequence;
    },
  };
}

/** The baseline activities' interface, for the workflow's proxy. */
export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
