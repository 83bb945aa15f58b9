/**
 * Opens a written .xlsx in LibreOffice (headless, a private profile) and renders it to PDF, so a
 * test can check what another spreadsheet program draws from our file: the text on the pages
 * (pdftotext) and their pixels (pdftoppm, as binary PPM, read here without a PNG decoder).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));
export const haveLibreOffice =
  SOFFICE !== undefined &&
  fs.existsSync("/usr/bin/pdftotext") &&
  fs.existsSync("/usr/bin/pdftoppm");

/** One profile per test process: LibreOffice refuses a profile another instance holds. */
const PROFILE = path.join(os.tmpdir(), "district", `lo-profile-${process.pid}`);

export interface Page {
  width: number;
  height: number;
  /** RGB, row-major. */
  rgb: Uint8Array;
}

export interface Rendering {
  pdf: string;
  text: string;
  pages: Page[];
}

/** The binary PPM (P6, maxval 255) that pdftoppm writes. */
export function readPpm(file: string): Page {
  const data = fs.readFileSync(file);
  let at = 0;
  const token = () => {
    while (/\s/.test(String.fromCharCode(data[at]))) at++;
    if (data[at] === 0x23) {
      while (data[at] !== 0x0a) at++;
      return token();
    }
    const start = at;
    while (!/\s/.test(String.fromCharCode(data[at]))) at++;
    return data.subarray(start, at).toString("ascii");
  };
  const magic = token();
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (magic !== "P6" || max !== 255) throw new Error(`${file}: not an 8-bit P6 image`);
  at++;
  return { width, height, rgb: data.subarray(at, at + width * height * 3) };
}

/** Pixels within `tolerance` (per channel) of the colour `hex` ("4472C4"). */
export function countColour(page: Page, hex: string, tolerance = 24): number {
  const r = parseInt(hex.slice(0, 2), 16);
  const g = parseInt(hex.slice(2, 4), 16);
  const b = parseInt(hex.slice(4, 6), 16);
  let n = 0;
  for (let i = 0; i < page.rgb.length; i += 3) {
    if (
      Math.abs(page.rgb[i] - r) <= tolerance &&
      Math.abs(page.rgb[i + 1] - g) <= tolerance &&
      Math.abs(page.rgb[i + 2] - b) <= tolerance
    )
      n++;
  }
  return n;
}

/** Text without any whitespace: pdftotext lays CJK titles out with spaces and line breaks. */
export const squeeze = (text: string): string => text.replace(/\s+/g, "");

/** Converts `xlsx` to PDF in `outDir` and reads it back as text and 50-dpi pages. */
export function renderXlsx(xlsx: string, outDir: string, dpi = 50): Rendering {
  if (!SOFFICE) throw new Error("LibreOffice (soffice) is not installed");
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${PROFILE}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      xlsx,
    ],
    { stdio: "pipe", timeout: 120_000 }
  );
  const pdf = path.join(outDir, `${path.basename(xlsx, path.extname(xlsx))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${xlsx}`);
  const text = execFileSync("/usr/bin/pdftotext", ["-layout", pdf, "-"], {
    encoding: "utf8",
  });
  const prefix = path.join(outDir, "page");
  execFileSync("/usr/bin/pdftoppm", ["-r", String(dpi), pdf, prefix]);
  const pages = fs
    .readdirSync(outDir)
    .filter((f) => /^page-\d+\.ppm$/.test(f))
    .sort((a, b) => parseInt(a.slice(5), 10) - parseInt(b.slice(5), 10))
    .map((f) => readPpm(path.join(outDir, f)));
  return { pdf, text, pages };
}
