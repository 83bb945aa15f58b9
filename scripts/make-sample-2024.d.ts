/** Types for scripts/make-sample-2024.js (CommonJS): the previous year's sample, for tests. */
export const YEAR: number;
/** The .xlsx bytes (fixed zip entry times: identical on every run). */
export function sampleBuffer(): Promise<Buffer>;
export const DEFAULT_OUT: string;
