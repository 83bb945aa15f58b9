#!/usr/bin/env node
/**
 * `npm stop`: stop debugging and remove the sideloaded add-in, via
 * `npx --yes office-addin-debugging stop manifest.xml`. Without desktop Excel it says so and exits 0.
 */
"use strict";

const { sideload } = require("./sideload");

process.exitCode = sideload("stop", process.argv.slice(2));
