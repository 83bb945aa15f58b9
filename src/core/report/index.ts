/**
 * The report: tables described once (columns, tables), the summary spec built from them (build),
 * where each section sits (layout), and the one pipeline every door runs (summarize).
 */
export * from "./build";
export * from "./columns";
export * from "./layout";
export * from "./summarize";
export * from "./tables";
