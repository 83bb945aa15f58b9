/** The build helpers in scripts/webpack, on their own (no webpack run). */
import FunctionsLocalizationPlugin from "../../scripts/webpack/functions-localization-plugin";
import guardAssociateLoader from "../../scripts/webpack/guard-associate-loader";

const { localizeMetadata } = FunctionsLocalizationPlugin;

const metadata = {
  allowCustomDataForDataTypeAny: true,
  functions: [
    {
      id: "RATE",
      name: "RATE",
      description: "Divides.",
      parameters: [
        { name: "numerator", description: "Part.", type: "number" },
        { name: "denominator", description: "Whole.", type: "number" },
      ],
      result: { type: "number" },
    },
    {
      id: "TOTAL",
      name: "TOTAL",
      description: "Adds.",
      parameters: [],
      result: { type: "number" },
    },
  ],
};

describe("localizeMetadata", () => {
  test("translates names and descriptions, keeps ids and types", () => {
    const result = localizeMetadata(
      metadata,
      {
        RATE: {
          name: "计算比率",
          description: "相除。",
          parameters: { numerator: "部分。", denominator: { name: "整体", description: "整体。" } },
        },
        TOTAL: { name: "求总数", description: "相加。" },
      },
      "zh-cn"
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const [rate, total] = result.metadata.functions;
    expect(rate).toMatchObject({ id: "RATE", name: "计算比率", description: "相除。" });
    expect(rate.parameters).toEqual([
      { name: "numerator", description: "部分。", type: "number" },
      { name: "整体", description: "整体。", type: "number" },
    ]);
    expect(total).toMatchObject({ id: "TOTAL", name: "求总数" });
    // The input is not modified.
    expect(metadata.functions[0].name).toBe("RATE");
  });

  test("missing entries fall back to English with warnings", () => {
    const result = localizeMetadata(metadata, { RATE: { name: "计算比率" } }, "zh-cn");
    expect(result.errors).toEqual([]);
    expect(result.metadata.functions[1].name).toBe("TOTAL");
    expect(result.metadata.functions[0].description).toBe("Divides.");
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/no entry for TOTAL/),
        expect.stringMatching(/RATE has no description/),
        expect.stringMatching(/RATE parameter numerator has no description/),
      ])
    );
  });

  test("stale entries are warned about", () => {
    const result = localizeMetadata(
      metadata,
      { OLD: { name: "旧函数" }, RATE: { parameters: { gone: "x" } } },
      "zh-cn"
    );
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/entry OLD matches no custom function/),
        expect.stringMatching(/RATE has no parameter named gone/),
      ])
    );
  });

  test.each([
    ["比率", /not a valid function name/],
    ["1RATE", /not a valid function name/],
    ["率 值", /not a valid function name/],
    ["AB12", /looks like a cell reference/],
    ["求总数", /same name/],
  ])("the name %s is an error", (name, pattern) => {
    const table = { RATE: { name }, TOTAL: { name: "求总数" } };
    const result = localizeMetadata(metadata, table, "zh-cn");
    expect(result.errors).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });
});

describe("guard-associate-loader", () => {
  test("guards the associate calls the metadata plugin appends, and nothing else", () => {
    const source = [
      "export function rate() { return 1; }",
      "// CustomFunctions.associate is added by the plugin",
      'CustomFunctions.associate("RATE", rate);',
      'CustomFunctions.associate("TOTAL", total);',
    ].join("\n");
    const out = guardAssociateLoader.guardAssociateCalls(source).split("\n");
    expect(out[1]).toBe("// CustomFunctions.associate is added by the plugin");
    expect(out[2]).toBe(
      'if (typeof CustomFunctions !== "undefined") CustomFunctions.associate("RATE", rate);'
    );
    expect(out[3]).toMatch(/^if \(typeof CustomFunctions !== "undefined"\) CustomFunctions/);
  });
});
