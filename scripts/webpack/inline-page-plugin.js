/**
 * Makes one self-contained HTML page of a single-chunk build: the chunk's JavaScript goes into
 * a <script> element of the template, the page's Content-Security-Policy allows exactly that
 * script (by its SHA-256) and nothing else to run, and the licence comments the minifier
 * extracted go into an HTML comment at the end. The separate .js and .LICENSE.txt are not
 * emitted. Used for dist/cedu-offline.html, which staff open from the disk.
 */
"use strict";

const crypto = require("crypto");
const fs = require("fs");

const PLUGIN_NAME = "InlinePagePlugin";

/**
 * @param {string} script
 * @returns {string} the policy: the one inline script, inline styles (Fluent UI's Griffel injects
 *   <style> elements), images from data: and blob: URLs, nothing else (no connect, font or frame)
 */
function contentSecurityPolicy(script) {
  const hash = crypto.createHash("sha256").update(script, "utf8").digest("base64");
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    "img-src data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

class InlinePagePlugin {
  /** @param {{ template: string, chunk: string, filename: string }} options */
  constructor(options) {
    this.options = options;
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    const { webpack } = compiler;
    const { template, chunk, filename } = this.options;
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.fileDependencies.add(template);
      compilation.hooks.processAssets.tap(
        // After minification (OPTIMIZE_SIZE), so the inlined script is the minified one.
        { name: PLUGIN_NAME, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        () => {
          const scripts = compilation
            .getAssets()
            .filter((a) => a.name.endsWith(".js"))
            .map((a) => a.name);
          if (scripts.length !== 1 || scripts[0] !== `${chunk}.js`) {
            compilation.errors.push(
              new webpack.WebpackError(
                `${PLUGIN_NAME}: expected exactly ${chunk}.js, the build made ${scripts.join(", ") || "no script"}`
              )
            );
            return;
          }
          // "</script" would end the element early; "<!--" could start a comment in old parsers.
          const script = compilation
            .getAsset(scripts[0])
            .source.source()
            .toString()
            // The minifier's pointer to a licence file that is not emitted: the licences are at the end.
            .replace(/^\/\*! For license information please see [^*]*\*\/\s*/, "")
            .replace(/<\/(script)/gi, "<\\/$1")
            .replace(/<!--/g, "<\\!--");
          const licences = compilation
            .getAssets()
            .filter((a) => a.name.endsWith(".LICENSE.txt"))
            .map((a) => a.name);
          const licenceText = licences
            .map((name) => compilation.getAsset(name).source.source().toString())
            .join("\n")
            .replace(/--/g, "- -");
          const html = fs
            .readFileSync(template, "utf8")
            .replace("__CSP__", () => contentSecurityPolicy(script))
            .replace("__SCRIPT__", () => script)
            .replace(/\s*$/, () =>
              licenceText ? `\n<!--\nThird-party licences:\n${licenceText}\n-->\n` : "\n"
            );
          // `minimized`: an HTML minifier must leave the page alone, or the script's hash would not match.
          compilation.emitAsset(filename, new webpack.sources.RawSource(html), { minimized: true });
          compilation.deleteAsset(scripts[0]);
          for (const name of licences) compilation.deleteAsset(name);
        }
      );
    });
  }
}

module.exports = InlinePagePlugin;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
