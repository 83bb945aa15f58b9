/**
 * The build's metadata: dist/functions.json (custom-functions-metadata-plugin) and
 * dist/functions-zh-cn.json (the localization step). `npm test` builds before jest.
 */
import * as fs from "fs";
import * as path from "path";

const DIST = path.resolve(__dirname, "..", "..", "dist");

function readJson(file: string): any {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full)) {
    throw new Error(
      `dist/${file} is missing: run \`npx webpack --mode development\` (or \`npm run build\`) before these tests; \`npm test\` does it for you`
    );
  }
  return JSON.parse(fs.readFileSync(full, "utf8"));
}

type P = [name: string, type: string, matrix: boolean, optional: boolean];
const FILTERS: P[] = [
  ["community", "string", false, true],
  ["from", "any", false, true],
  ["to", "any", false, true],
  ["category", "string", false, true],
];
const range = (name: string): P => [name, "any", true, true];

const EXPECTED: Record<string, { params: P[]; matrix: boolean; volatile: boolean; zh: string }> = {
  PARTICIPATION: {
    params: [...FILTERS, range("roster"), range("population")],
    matrix: false,
    volatile: true,
    zh: "参与率",
  },
  PARTICIPANTS: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "参与人数",
  },
  ENROLMENTS: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "报名人次",
  },
  COMPLETION: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "结业率",
  },
  EXCELLENCE: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "优秀率",
  },
  QUALIFIED: { params: [...FILTERS, range("roster")], matrix: false, volatile: true, zh: "合格率" },
  ACTIVITIES: {
    params: [...FILTERS, range("activities")],
    matrix: false,
    volatile: true,
    zh: "活动场次",
  },
  ATTENDANCE: {
    params: [...FILTERS, range("activities")],
    matrix: false,
    volatile: true,
    zh: "活动人次",
  },
  HOURS: { params: [...FILTERS, range("activities")], matrix: false, volatile: true, zh: "课时数" },
  SCHOOLEXCELLENCE: {
    params: [FILTERS[0], ["type", "string", false, true], range("schools")],
    matrix: false,
    volatile: true,
    zh: "学校优秀率",
  },
  SCHOOLQUALIFIED: {
    params: [FILTERS[0], ["type", "string", false, true], range("schools")],
    matrix: false,
    volatile: true,
    zh: "学校合格率",
  },
  SUMMARY: {
    params: [...FILTERS, range("roster"), range("population"), range("activities")],
    matrix: true,
    volatile: true,
    zh: "社区汇总",
  },
  ISSUES: {
    params: [
      FILTERS[1],
      FILTERS[2],
      range("roster"),
      range("population"),
      range("activities"),
      range("schools"),
    ],
    matrix: true,
    volatile: true,
    zh: "问题清单",
  },
  RATIO: {
    params: [
      ["numerator", "number", false, false],
      ["denominator", "number", false, false],
    ],
    matrix: false,
    volatile: false,
    zh: "计算比率",
  },
};

const en = readJson("functions.json");
const zh = readJson("functions-zh-cn.json");
const byId = (meta: any) => new Map<string, any>(meta.functions.map((f: any) => [f.id, f]));

test("functions.json lists every CEDU function, and only those", () => {
  expect(en.functions.map((f: any) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
});

test.each(Object.keys(EXPECTED))(
  "%s: parameter types, optional flags, result and options",
  (id) => {
    const f = byId(en).get(id);
    const want = EXPECTED[id];
    expect(f.name).toBe(id);
    expect(f.description.length).toBeGreaterThan(30);
    expect(f.helpUrl).toMatch(/^https:\/\/cedu\.example\.org\/addin\/README#custom-functions$/);
    expect(
      f.parameters.map((p: any) => [
        p.name,
        p.type ?? "any",
        p.dimensionality === "matrix",
        p.optional === true,
      ])
    ).toEqual(want.params);
    for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(10);
    expect(f.result.dimensionality === "matrix").toBe(want.matrix);
    if (!want.matrix) expect(f.result.type).toBe("number");
    expect(Boolean(f.options?.volatile)).toBe(want.volatile);
    expect(f.options?.stream).toBeFalsy();
  }
);

test("functions-zh-cn.json: same ids, types and flags; Chinese names that differ from the English ones", () => {
  const zhById = byId(zh);
  expect(zh.functions.map((f: any) => f.id)).toEqual(en.functions.map((f: any) => f.id));
  const names = new Set<string>();
  for (const f of en.functions) {
    const z = zhById.get(f.id);
    expect(z.name).toBe(EXPECTED[f.id].zh);
    expect(z.name).not.toBe(f.name);
    expect(z.name).toMatch(/^\p{L}[\p{L}\p{N}._]{2,}$/u);
    names.add(z.name);
    expect(z.description).toMatch(/[\u4e00-\u9fff]/);
    expect(z.description).not.toBe(f.description);
    expect(z.result).toEqual(f.result);
    expect(z.options).toEqual(f.options);
    expect(z.helpUrl).toBe(f.helpUrl);
    expect(z.parameters.map((p: any) => [p.type, p.dimensionality, p.optional])).toEqual(
      f.parameters.map((p: any) => [p.type, p.dimensionality, p.optional])
    );
    for (const p of z.parameters) expect(p.description).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(names.size).toBe(en.functions.length);
});

/**
 * Excel's own worksheet functions (English names; Chinese Excel uses the same names). A CEDU
 * function named like one of them confuses users and Excel ("Custom functions naming and
 * localization": avoid names of built-in functions); CEDU.RATE clashed with RATE.
 */
const EXCEL_FUNCTIONS =
  `ABS ACCRINT ACCRINTM ACOS ACOSH ACOT ACOTH ADDRESS AGGREGATE AMORDEGRC AMORLINC AND ARABIC
AREAS ARRAYTOTEXT ASC ASIN ASINH ATAN ATAN2 ATANH AVEDEV AVERAGE AVERAGEA AVERAGEIF AVERAGEIFS BAHTTEXT BASE
BESSELI BESSELJ BESSELK BESSELY BETADIST BETAINV BIN2DEC BIN2HEX BIN2OCT BINOMDIST BITAND BITLSHIFT BITOR
BITRSHIFT BITXOR BYCOL BYROW CALL CEILING CELL CHAR CHIDIST CHIINV CHITEST CHOOSE CHOOSECOLS CHOOSEROWS CLEAN
CODE COLUMN COLUMNS COMBIN COMBINA COMPLEX CONCAT CONCATENATE CONFIDENCE CONVERT CORREL COS COSH COT COTH
COUNT COUNTA COUNTBLANK COUNTIF COUNTIFS COUPDAYBS COUPDAYS COUPDAYSNC COUPNCD COUPNUM COUPPCD COVAR
COVARIANCE CRITBINOM CSC CSCH CUBEKPIMEMBER CUBEMEMBER CUBEMEMBERPROPERTY CUBERANKEDMEMBER CUBESET
CUBESETCOUNT CUBEVALUE CUMIPMT CUMPRINC DATE DATEDIF DATEVALUE DAVERAGE DAY DAYS DAYS360 DB DBCS DCOUNT
DCOUNTA DDB DEC2BIN DEC2HEX DEC2OCT DECIMAL DEGREES DELTA DETECTLANGUAGE DEVSQ DGET DISC DMAX DMIN DOLLAR
DOLLARDE DOLLARFR DPRODUCT DROP DSTDEV DSTDEVP DSUM DURATION DVAR DVARP EDATE EFFECT ENCODEURL EOMONTH ERF
ERFC ERROR EVEN EXACT EXP EXPAND EXPONDIST FACT FACTDOUBLE FALSE FDIST FILTER FILTERXML FIND FINDB FINV
FISHER FISHERINV FIXED FLOOR FORECAST FORMULATEXT FREQUENCY FTEST FV FVSCHEDULE GAMMA GAMMADIST GAMMAINV
GAMMALN GAUSS GCD GEOMEAN GESTEP GETPIVOTDATA GROUPBY GROWTH HARMEAN HEX2BIN HEX2DEC HEX2OCT HLOOKUP HOUR
HSTACK HYPERLINK HYPGEOMDIST IF IFERROR IFNA IFS IMABS IMAGE IMAGINARY IMARGUMENT IMCONJUGATE IMCOS IMCOSH
IMCOT IMCSC IMCSCH IMDIV IMEXP IMLN IMLOG10 IMLOG2 IMPOWER IMPRODUCT IMREAL IMSEC IMSECH IMSIN IMSINH IMSQRT
IMSUB IMSUM IMTAN INDEX INDIRECT INFO INT INTERCEPT INTRATE IPMT IRR ISBLANK ISERR ISERROR ISEVEN ISFORMULA
ISLOGICAL ISNA ISNONTEXT ISNUMBER ISODD ISOMITTED ISOWEEKNUM ISPMT ISREF ISTEXT JIS KURT LAMBDA LARGE LCM
LEFT LEFTB LEN LENB LET LINEST LN LOG LOG10 LOGEST LOGINV LOGNORMDIST LOOKUP LOWER MAKEARRAY MAP MATCH MAX
MAXA MAXIFS MDETERM MDURATION MEDIAN MID MIDB MIN MINA MINIFS MINUTE MINVERSE MIRR MMULT MOD MODE MONTH
MROUND MULTINOMIAL MUNIT N NA NEGBINOMDIST NETWORKDAYS NOMINAL NORMDIST NORMINV NORMSDIST NORMSINV NOT NOW
NPER NPV NUMBERVALUE OCT2BIN OCT2DEC OCT2HEX ODD ODDFPRICE ODDFYIELD ODDLPRICE ODDLYIELD OFFSET OR PDURATION
PEARSON PERCENTILE PERCENTOF PERCENTRANK PERMUT PERMUTATIONA PHI PHONETIC PI PIVOTBY PMT POISSON POWER PPMT
PRICE PRICEDISC PRICEMAT PROB PRODUCT PROPER PV PY QUARTILE QUOTIENT RADIANS RAND RANDARRAY RANDBETWEEN RANK
RATE RECEIVED REDUCE REGEXEXTRACT REGEXREPLACE REGEXTEST REGISTER REPLACE REPLACEB REPT RIGHT RIGHTB ROMAN
ROUND ROUNDDOWN ROUNDUP ROW ROWS RRI RSQ RTD SCAN SEARCH SEARCHB SEC SECH SECOND SEQUENCE SERIESSUM SHEET
SHEETS SIGN SIN SINH SKEW SLN SLOPE SMALL SORT SORTBY SQRT SQRTPI STANDARDIZE STDEV STDEVA STDEVP STDEVPA
STEYX STOCKHISTORY SUBSTITUTE SUBTOTAL SUM SUMIF SUMIFS SUMPRODUCT SUMSQ SUMX2MY2 SUMX2PY2 SUMXMY2 SWITCH SYD
T TAKE TAN TANH TBILLEQ TBILLPRICE TBILLYIELD TDIST TEXT TEXTAFTER TEXTBEFORE TEXTJOIN TEXTSPLIT TIME
TIMEVALUE TINV TOCOL TODAY TOROW TRANSLATE TRANSPOSE TREND TRIM TRIMMEAN TRIMRANGE TRUE TRUNC TTEST TYPE
UNICHAR UNICODE UNIQUE UPPER VALUE VALUETOTEXT VAR VARA VARP VARPA VDB VLOOKUP VSTACK WEBSERVICE WEEKDAY
WEEKNUM WEIBULL WORKDAY WRAPCOLS WRAPROWS XIRR XLOOKUP XMATCH XNPV XOR YEAR YEARFRAC YIELD YIELDDISC
YIELDMAT ZTEST`.split(/\s+/);

test("no CEDU function is named like an Excel function, in English or in Chinese", () => {
  const builtIn = new Set(EXCEL_FUNCTIONS);
  expect(builtIn.has("RATE")).toBe(true);
  for (const meta of [en, zh]) {
    for (const f of meta.functions) {
      expect(builtIn.has(String(f.name).toUpperCase())).toBe(false);
      expect(builtIn.has(String(f.id).toUpperCase())).toBe(false);
    }
  }
});
