/**
 * A tiny pub/sub between the ribbon command and the task pane, both in the shared runtime. The
 * command publishes its progress and outcome; the task pane, if open, subscribes and shows them.
 * The last status is kept so a pane opened afterwards can show it too.
 */
export interface CeduStatus {
  state: "running" | "done" | "error";
  /** A key of src/excel/errors.ts EXCEL_MESSAGES (or of the core catalogue). */
  key: string;
  params?: Record<string, string | number>;
  at: number;
}

type Listener = (status: CeduStatus) => void;
const listeners = new Set<Listener>();
let last: CeduStatus | null = null;

export function publishStatus(status: Omit<CeduStatus, "at">): void {
  last = { ...status, at: Date.now() };
  for (const listener of [...listeners]) {
    try {
      listener(last);
    } catch (error) {
      console.error("CEDU: status listener failed", error);
    }
  }
}

/** Returns the unsubscribe function. */
export function subscribeStatus(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function lastStatus(): CeduStatus | null {
  return last;
}
