// Test stand-in with the API shape of redhat.vscode-yaml: records the schema contributors that
// register and, whenever a YAML document opens, asks each of them which schema applies, writing
// what it learned to $FLEET_ROLLOUTS_REDHAT_STUB_OUT for the test to read.
const fs = require('fs');
const vscode = require('vscode');

const contributors = [];
const answers = {};

function record() {
  const out = process.env.FLEET_ROLLOUTS_REDHAT_STUB_OUT;
  if (out) fs.writeFileSync(out, JSON.stringify({ contributors: contributors.map((c) => c.schema), answers }, null, 2));
}

function ask(doc) {
  if (doc.languageId !== 'yaml') return;
  const uri = doc.uri.toString();
  for (const c of contributors) {
    const schemaUri = c.requestSchema(uri);
    answers[uri] = schemaUri ? { schemaUri, content: c.requestSchemaContent(schemaUri) } : null;
  }
  record();
}

exports.activate = function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(ask));
  return {
    registerContributor(schema, requestSchema, requestSchemaContent) {
      contributors.push({ schema, requestSchema, requestSchemaContent });
      record();
      for (const doc of vscode.workspace.textDocuments) ask(doc);
      return true;
    },
  };
};
