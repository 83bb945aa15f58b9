/**
 * The ribbon command's status, through the shared runtime's channel (src/runtime/shared.ts): the
 * command publishes its progress and outcome; the task pane, if open, subscribes and shows them.
 * The last status is kept so a pane opened afterwards can show it too.
 */
import { sharedRuntime, type CeduStatus } from "../runtime/shared";

export type { CeduStatus };

export function publishStatus(status: Omit<CeduStatus, "at">): void {
  sharedRuntime().status.publish({ ...status, at: Date.now() });
}

/** Returns the unsubscribe function. */
export function subscribeStatus(listener: (status: CeduStatus) => void): () => void {
  return sharedRuntime().status.subscribe(listener);
}

export function lastStatus(): CeduStatus | null {
  return sharedRuntime().status.last();
}
