/**
 * Runs scripts/manifest-check.js on the manifest this build emits, against the files this
 * build emits, so `npm run build` fails when a manifest URL points at nothing or a resource is
 * missing. Runs last (processAssets REPORT stage), after html-webpack-plugin and
 * copy-webpack-plugin have added their files.
 */
"use strict";

const { checkManifest, pngSize } = require("../manifest-check");

const PLUGIN_NAME = "ManifestCheckPlugin";

class ManifestCheckPlugin {
  /** @param {{ manifest?: string, ribbonActions?: string[] }} [options] */
  constructor(options = {}) {
    this.options = { manifest: "manifest.xml", ...options };
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    const { webpack } = compiler;
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PLUGIN_NAME, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const manifest = compilation.getAsset(this.options.manifest);
          if (!manifest) {
            compilation.errors.push(
              new webpack.WebpackError(
                `${PLUGIN_NAME}: the build emits no ${this.options.manifest}`
              )
            );
            return;
          }
          const distFiles = compilation.getAssets().map((a) => a.name);
          const imageSize = (/** @type {string} */ file) => {
            const asset = compilation.getAsset(file);
            const bytes = asset && asset.source.buffer();
            return bytes ? pngSize(bytes) : null;
          };
          const problems = checkManifest(manifest.source.source().toString(), {
            distFiles,
            imageSize,
            ribbonActions: this.options.ribbonActions || null,
          });
          for (const problem of problems) {
            const error = new webpack.WebpackError(`${PLUGIN_NAME}: ${problem}`);
            error.file = this.options.manifest;
            compilation.errors.push(error);
          }
        }
      );
    });
  }
}

module.exports = ManifestCheckPlugin;
