import { asRibbonAction, registerRibbonActions, RIBBON_ACTIONS } from "../../src/commands/commands";
import { runGenerateSummary } from "../../src/commands/generate";

type OfficeGlobal = { Office?: unknown };

function fakeEvent() {
  return { source: { id: "CEDU.GenerateSummaryButton" }, completed: jest.fn() };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  delete (globalThis as OfficeGlobal).Office;
});

test("the generateSummary placeholder completes its event", async () => {
  const event = fakeEvent();
  await runGenerateSummary(event as unknown as Office.AddinCommands.Event);
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("registerRibbonActions does nothing without office.js", () => {
  expect(registerRibbonActions()).toBe(false);
});

test("registerRibbonActions associates every action by its manifest FunctionName", () => {
  const associate = jest.fn();
  (globalThis as OfficeGlobal).Office = { actions: { associate } };
  expect(registerRibbonActions()).toBe(true);
  expect(associate.mock.calls.map((c) => c[0])).toEqual(Object.keys(RIBBON_ACTIONS));
  expect(Object.keys(RIBBON_ACTIONS)).toContain("generateSummary");
});

describe("asRibbonAction", () => {
  test("completes once when the handler completes", async () => {
    const event = fakeEvent();
    asRibbonAction("x", async (e) => e.completed())(event as unknown as Office.AddinCommands.Event);
    await flush();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  test("completes when the handler forgets to", async () => {
    const event = fakeEvent();
    asRibbonAction("x", async () => undefined)(event as unknown as Office.AddinCommands.Event);
    await flush();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  test("completes once when the handler fails", async () => {
    const event = fakeEvent();
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    asRibbonAction("x", async (e) => {
      e.completed();
      throw new Error("boom");
    })(event as unknown as Office.AddinCommands.Event);
    await flush();
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
