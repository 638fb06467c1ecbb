export interface HostileInput {
  name: string;
  file: string;
  text: string;
  /** Diagnostic codes a user must see for it. */
  expectCodes?: string[];
}

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n${lines.map((l) => '  ' + l).join('\n')}\n`;
}

function deepNesting(levels: number): string {
  let out = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: deep\nspec:\n';
  for (let i = 0; i < levels; i++) out += '  '.repeat(i + 1) + `level${i}:\n`;
  return out + '  '.repeat(levels + 1) + 'leaf: true\n';
}

/** About `bytes` of small Service documents, `---` between them. */
export function bigFile(bytes: number): string {
  const doc = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = doc(i);
    parts.push(d);
    size += d.length + 4;
  }
  return parts.join('---\n');
}

function binaryJunk(bytes: number): string {
  let s = '';
  let x = 12345;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(x % 256);
  }
  return s;
}

/** The inputs of the robustness suite, shared by the LSP and CLI tests. */
export function hostileInputs(): HostileInput[] {
  return [
    { name: 'an alias bomb (billion laughs)', file: 'bomb.yaml', text: aliasBomb(), expectCodes: ['yaml/alias-limit'] },
    { name: '50-level nesting', file: 'deep.yaml', text: deepNesting(50), expectCodes: ['schema/unknown-field'] },
    { name: '10,000-level flow nesting', file: 'deeper.yaml', text: 'a: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n', expectCodes: ['yaml/syntax'] },
    { name: 'a 10 MB file', file: 'big.yaml', text: bigFile(10 * 1024 * 1024) },
    { name: 'binary junk', file: 'junk.yaml', text: binaryJunk(64 * 1024), expectCodes: ['file/unreadable'] },
    { name: 'text with invalid UTF-8 (replacement characters and lone surrogates)', file: 'utf8.yaml', text: 'kind: Service\napiVersion: v1\nmetadata:\n  name: "bad-\uFFFD\uD800-name"\n' },
    { name: 'an empty file', file: 'empty.yaml', text: '' },
    { name: 'a file that is one huge string', file: 'string.yaml', text: '"' + 'x'.repeat(5 * 1024 * 1024) + '"\n' },
    { name: 'an unterminated quoted string', file: 'unterminated.yaml', text: 'kind: Rollout\nmetadata:\n  name: "oops\n' + 'spec: x\n'.repeat(1000) },
    { name: 'many syntax errors', file: 'errors.yaml', text: ': : :\n'.repeat(20000), expectCodes: ['yaml/syntax'] },
  ];
}
