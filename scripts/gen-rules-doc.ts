// Writes docs/rules.md from the rule registry and the fixtures beside each rule.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../server/src/rules';
import { BUILTIN } from '../server/src/rules/builtin';
import { renderRulesDoc, renderRulesList } from '../server/src/docs/rules-doc';

const root = process.argv[2] ?? process.cwd();
const rulesDir = path.join(root, 'server', 'src', 'rules');
const read = (id: string, kind: 'fail' | 'pass') => {
  for (const ext of ['.yaml', '.fleet.yaml']) {
    const f = path.join(rulesDir, `${id}.${kind}${ext}`);
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
  }
  return undefined;
};
const doc = renderRulesDoc(ALL_RULES, Object.values(BUILTIN), (id) => ({ fail: read(id, 'fail'), pass: read(id, 'pass') }));
const target = path.join(root, 'docs', 'rules.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== doc) fs.writeFileSync(target, doc);

// The README's rules list, between its markers.
const readme = path.join(root, 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const list = renderRulesList(ALL_RULES, Object.values(BUILTIN));
const updated = text.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${list}\n<!-- rules:end -->`);
if (updated !== text) fs.writeFileSync(readme, updated);
