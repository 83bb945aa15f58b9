declare function guardAssociateLoader(source: string): string;
declare namespace guardAssociateLoader {
  /** Prefixes each `CustomFunctions.associate(` line with a `typeof CustomFunctions` guard. */
  function guardAssociateCalls(source: string): string;
}
export = guardAssociateLoader;
