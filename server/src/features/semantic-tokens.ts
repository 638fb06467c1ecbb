import { K } from '../engine/kinds';
import type { Workspace } from '../engine/workspace';
import { declarations, siteLocation, type Site } from './references';
import { analysisGroups } from '../semantics/rollouts/analysis-groups';

/** Token types the client legend declares, in this order. */
export const TOKEN_TYPES = ['variable', 'parameter', 'type'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;

export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: (typeof TOKEN_TYPES)[number];
  modifiers: Array<(typeof TOKEN_MODIFIERS)[number]>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ARG_PLACEHOLDER = /\{\{\s*args\.([^}\s]+)\s*\}\}/g;

/**
 * What a grammar cannot know: which `{{args.x}}` placeholders name a declared argument and which
 * template names resolve to a template in the workspace.
 */
export function semanticTokens(workspace: Workspace, uri: string): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  const push = (site: Site, type: SemanticToken['type'], modifiers: SemanticToken['modifiers'] = []) => {
    const { range } = siteLocation(site);
    if (range.start.line === range.end.line && range.end.character > range.start.character) tokens.push({ line: range.start.line, character: range.start.character, length: range.end.character - range.start.character, type, modifiers });
  };
  for (const o of workspace.objectsOfFile(uri)) {
    if (o.typeId === K.AnalysisTemplate || o.typeId === K.ClusterAnalysisTemplate) {
      const spec = isObj(o.value?.spec) ? o.value!.spec : {};
      const declared = new Set((Array.isArray(spec.args) ? spec.args : []).map((a) => (isObj(a) ? a.name : undefined)));
      (Array.isArray(spec.args) ? spec.args : []).forEach((a, i) => isObj(a) && push({ object: o, path: ['spec', 'args', i, 'name'] }, 'parameter', ['declaration']));
      const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: spec.metrics, path: ['spec', 'metrics'] }];
      while (stack.length) {
        const { v, path } = stack.pop()!;
        if (typeof v === 'string') {
          for (const m of v.matchAll(ARG_PLACEHOLDER)) {
            if (!declared.has(m[1])) continue;
            const start = m.index! + m[0].indexOf('args.') + 5;
            push({ object: o, path, span: [start, start + m[1].length] }, 'parameter');
          }
        } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
        else if (isObj(v)) for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
      }
    } else if (o.typeId === K.Rollout) {
      for (const g of analysisGroups(o.value)) {
        for (const t of g.templates) {
          if (!t.templateName) continue;
          const type = t.clusterScope ? K.ClusterAnalysisTemplate : K.AnalysisTemplate;
          if (declarations(workspace, { kind: 'object', typeId: type, name: t.templateName }).length) push({ object: o, path: [...t.path, 'templateName'] }, 'type');
        }
      }
    }
  }
  return tokens.sort((a, b) => a.line - b.line || a.character - b.character);
}

/** LSP's relative encoding: deltaLine, deltaStart, length, type index, modifier bits. */
export function encodeTokens(tokens: SemanticToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const t of tokens) {
    const deltaLine = t.line - line;
    data.push(deltaLine, deltaLine === 0 ? t.character - character : t.character, t.length, TOKEN_TYPES.indexOf(t.type), t.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0));
    line = t.line;
    character = t.character;
  }
  return data;
}
