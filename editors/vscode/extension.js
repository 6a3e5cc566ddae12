// Starts `arshjul lsp` for .arshjul files: the server does the checking, hovering,
// completion and formatting; this file only starts it with the user's settings.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function serverArgs(config) {
  const args = ["--lang", config.get("language", "sv"), "lsp"];
  const roster = config.get("roster", "");
  if (roster) args.push("--roster", roster);
  const year = config.get("year", null);
  if (year) args.push("--year", String(year));
  return args;
}

function activate(context) {
  const config = vscode.workspace.getConfiguration("arshjul");
  const server = { command: config.get("path", "arshjul"), args: serverArgs(config) };
  client = new LanguageClient("arshjul", "arshjul", server, {
    documentSelector: [{ scheme: "file", language: "arshjul" }],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverArgs };
