#!/usr/bin/env node
/**
 * `npm start`: sideload the add-in into desktop Excel (Windows or macOS) and start the dev
 * server, via `npx --yes office-addin-debugging start manifest.xml`. Extra arguments are passed
 * on, e.g. `npm start -- web --document <url>`. Without desktop Excel it says what to do instead.
 */
"use strict";

const { sideload } = require("./sideload");

process.exitCode = sideload("start", process.argv.slice(2));
