import { readFileSync, rmSync } from 'node:fs';

/** Self size and count of one kind of object in a heap snapshot. */
interface Bucket {
  bytes: number;
  count: number;
}

/** What grew between two heap snapshots, per cached workflow, largest first. */
export interface HeapGrowth {
  cachedWorkflows: number;
  /** Total self size growth ÷ cached workflows, bytes. */
  bytesPerWorkflow: number;
  top: Array<{ kind: string; bytesPerWorkflow: number; countPerWorkflow: number }>;
}

/** The V8 heap snapshot format (the fields the summary reads). */
interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/**
 * Self size and count per kind of object: objects by constructor name, closures by function name
 * ("closure foo"), other node types by type ("string", "code", "array"...).
 */
export function summarizeSnapshot(file: string): Map<string, Bucket> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotFile;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const buckets = new Map<string, Bucket>();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]];
    const name = strings[nodes[i + nameAt]];
    const kind =
      type === 'object' ? name : type === 'closure' ? `closure ${name || '(anonymous)'}` : `(${type})`;
    const bucket = buckets.get(kind) ?? { bytes: 0, count: 0 };
    bucket.bytes += nodes[i + sizeAt];
    bucket.count++;
    buckets.set(kind, bucket);
  }
  return buckets;
}

/**
 * What the heap gained from snapshot `before` to `after`, divided by the workflows cached in between:
 * the kinds of objects a cached workflow holds. Removes both snapshot files (they are large).
 */
export function summarizeHeapGrowth(
  before: string,
  after: string,
  cachedWorkflows: number,
  top = 15,
): HeapGrowth {
  try {
    const first = summarizeSnapshot(before);
    const second = summarizeSnapshot(after);
    const per = Math.max(1, cachedWorkflows);
    const growth = [...second.entries()].map(([kind, bucket]) => ({
      kind,
      bytesPerWorkflow: (bucket.bytes - (first.get(kind)?.bytes ?? 0)) / per,
      countPerWorkflow: (bucket.count - (first.get(kind)?.count ?? 0)) / per,
    }));
    growth.sort((a, b) => b.bytesPerWorkflow - a.bytesPerWorkflow);
    return {
      cachedWorkflows,
      bytesPerWorkflow: growth.reduce((sum, entry) => sum + entry.bytesPerWorkflow, 0),
      top: growth.slice(0, top),
    };
  } finally {
    rmSync(before, { force: true });
    rmSync(after, { force: true });
  }
}
