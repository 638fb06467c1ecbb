import * as vscode from 'vscode';

/** The Red Hat YAML extension (yaml-language-server), which most Kubernetes users already run. */
export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';

/** What its exported API offers (see its `registerContributor`). */
interface RedHatYamlApi {
  registerContributor(schema: string, requestSchema: (resource: string) => string | undefined, requestSchemaContent: (uri: string) => string | undefined, label?: string): boolean;
}

const OWNED_SCHEMA = 'fleetrollouts://schemas/owned.json';
/** Everything is allowed: Fleet Rollouts validates these documents, Red Hat YAML should not again. */
const PERMISSIVE_SCHEMA = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'Checked by Fleet Rollouts' });

const OURS = /^\s*apiVersion:\s*["']?(argoproj\.io|fleet\.cattle\.io)\//m;

/** fleet.yaml, and YAML whose objects are Argo or Fleet kinds: documents the Fleet Rollouts engine checks. */
export function isOwnedDocument(uri: string, text: string | undefined): boolean {
  if (/(^|\/)fleet\.ya?ml$/.test(uri)) return true;
  return text !== undefined && OURS.test(text);
}

/**
 * When Red Hat YAML is installed, hand it a permissive schema for the documents we check, so a
 * fleet.yaml or a Rollout is not validated twice (SchemaStore's fleet.yaml schema, the CRD store),
 * and tell our server to leave plain YAML syntax errors to it. Returns whether it is present.
 */
export async function coexistWithRedHatYaml(log: vscode.LogOutputChannel): Promise<boolean> {
  const extension = vscode.extensions.getExtension<RedHatYamlApi>(RED_HAT_YAML_ID);
  if (!extension) return false;
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const textOf = (uri: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText();
    const ok = api?.registerContributor?.(
      'fleet-rollouts',
      (resource) => (isOwnedDocument(resource, textOf(resource)) ? OWNED_SCHEMA : undefined),
      (uri) => (uri === OWNED_SCHEMA ? PERMISSIVE_SCHEMA : undefined),
      'Fleet Rollouts',
    );
    log.info(`Red Hat YAML found (${extension.packageJSON?.version ?? 'unknown version'}): ${ok ? 'it will not schema-check documents Fleet Rollouts checks' : 'could not register a schema contributor'}`);
  } catch (err) {
    log.warn(`Red Hat YAML found but its API is unavailable: ${(err as Error).message}`);
  }
  return true;
}
