/** Writes a CEDU formula the user picked into the selected cell. One sync. */
export async function insertFormula(context: Excel.RequestContext, formula: string): Promise<void> {
  const cell = context.workbook.getSelectedRange().getCell(0, 0);
  // `formulas` takes the en-US spelling (CEDU.PARTICIPATION), whatever the user's language.
  cell.formulas = [[formula]];
  cell.select();
  await context.sync();
}
