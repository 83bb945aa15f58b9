/**
 * The one way the pane and the ribbon enter Excel: an Excel.run that waits for the user to leave
 * cell edit instead of failing, with every Office error turned into a CeduExcelError the user can
 * read. (No undo grouping: see README, "Requirement sets".)
 */
import { toCeduError } from "./errors";

export async function runExcel<T>(
  batch: (context: Excel.RequestContext) => Promise<T>
): Promise<T> {
  try {
    return await Excel.run({ delayForCellEdit: true }, batch);
  } catch (error) {
    throw toCeduError(error);
  }
}
