import type { Compiler } from "webpack";

declare class FunctionsLocalizationPlugin {
  constructor(options: { source?: string; table: string; output: string; locale: string });
  apply(compiler: Compiler): void;
}

declare namespace FunctionsLocalizationPlugin {
  interface ParameterText {
    name?: string;
    description?: string;
  }
  interface FunctionText {
    name?: string;
    description?: string;
    parameters?: Record<string, string | ParameterText>;
  }
  type LocalizationTable = Record<string, FunctionText>;
  interface FunctionMetadata {
    id: string;
    name: string;
    description?: string;
    parameters?: Array<{ name: string; description?: string; [key: string]: unknown }>;
    [key: string]: unknown;
  }
  interface Metadata {
    functions: FunctionMetadata[];
    [key: string]: unknown;
  }
  /** Applies a localization table to generated metadata; never modifies its input. */
  function localizeMetadata(
    metadata: Metadata,
    table: LocalizationTable,
    locale: string
  ): { metadata: Metadata; warnings: string[]; errors: string[] };
}

export = FunctionsLocalizationPlugin;
