/**
 * Parser for expr-lang expressions (expr v1.17.8, argo-rollouts.md §2.2): precedence climbing over
 * the binary operator table, with expr's special forms — chained comparisons, `not in`, the pipe
 * operator, predicates `{ # … }`, ternaries and `?:`, `if {…} else {…}`, `let x = …; …`, member,
 * index and slice access with optional chaining, and the `??` mixing rule.
 *
 * Like expr, it stops at the first error. Error texts follow expr's where expr has one.
 */
import type { ArrayNode, CallNode, ExprNode, IdentifierNode, LiteralNode, MapNode, MemberNode, PredicateNode } from './ast';
import { NEGATABLE, isAlphabetic, isAlphaNumeric, tokenize, tokenText, type ExprSyntaxError, type Token } from './lexer';

interface OperatorInfo {
  precedence: number;
  right?: boolean;
}

/** Binary operators and their precedence (expr parser/operator/operator.go). */
export const BINARY: Readonly<Record<string, OperatorInfo>> = {
  '|': { precedence: 0 },
  or: { precedence: 10 },
  '||': { precedence: 10 },
  and: { precedence: 15 },
  '&&': { precedence: 15 },
  '==': { precedence: 20 },
  '!=': { precedence: 20 },
  '<': { precedence: 20 },
  '>': { precedence: 20 },
  '>=': { precedence: 20 },
  '<=': { precedence: 20 },
  in: { precedence: 20 },
  matches: { precedence: 20 },
  contains: { precedence: 20 },
  startsWith: { precedence: 20 },
  endsWith: { precedence: 20 },
  '..': { precedence: 25 },
  '+': { precedence: 30 },
  '-': { precedence: 30 },
  '*': { precedence: 60 },
  '/': { precedence: 60 },
  '%': { precedence: 60 },
  '**': { precedence: 100, right: true },
  '^': { precedence: 100, right: true },
  '??': { precedence: 500 },
};

const UNARY: Readonly<Record<string, number>> = { not: 50, '!': 50, '-': 90, '+': 90 };
const COMPARISON = new Set(['<', '>', '<=', '>=']);

type ArgSpec = 'expr' | 'predicate' | 'expr?' | 'predicate?';

/** Built-ins whose second argument is a predicate (parsed as a closure). */
export const PREDICATE_BUILTINS: Readonly<Record<string, readonly ArgSpec[]>> = {
  all: ['expr', 'predicate'],
  none: ['expr', 'predicate'],
  any: ['expr', 'predicate'],
  one: ['expr', 'predicate'],
  filter: ['expr', 'predicate'],
  map: ['expr', 'predicate'],
  count: ['expr', 'predicate?'],
  sum: ['expr', 'predicate?'],
  find: ['expr', 'predicate'],
  findIndex: ['expr', 'predicate'],
  findLast: ['expr', 'predicate'],
  findLastIndex: ['expr', 'predicate'],
  groupBy: ['expr', 'predicate'],
  sortBy: ['expr', 'predicate', 'expr?'],
  reduce: ['expr', 'predicate', 'expr?'],
};

/** Deeper input is refused rather than risking the stack (expr caps the node count similarly). */
const MAX_NESTING = 500;
const MAX_TOKENS = 10_000;

class ParseFailure extends Error {
  constructor(readonly error: ExprSyntaxError) {
    super(error.message);
  }
}

export interface ParseResult {
  ast?: ExprNode;
  error?: ExprSyntaxError;
}

/** Parses an expression; on failure returns the first error with its offsets in `src`. */
export function parseExpr(src: string): ParseResult {
  const { tokens, error } = tokenize(src);
  try {
    return { ast: new Parser(tokens, error).parseProgram() };
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    return { error: err.error };
  }
}

class Parser {
  private pos = 0;
  /** Inside a predicate, `#` and `.field` refer to the current element. */
  private depth = 0;
  private nesting = 0;

  /**
   * expr lexes lazily: a lexical error surfaces only when the parser asks for the token at that
   * place, so a parse error before it wins. The token list ends where the lexer stopped.
   */
  constructor(
    private readonly tokens: Token[],
    private readonly lexError: ExprSyntaxError | undefined,
  ) {
    this.arrive();
  }

  private get cur(): Token {
    return this.tokens[this.pos];
  }

  private arrive(): void {
    if (this.pos >= this.tokens.length) {
      if (this.lexError) throw new ParseFailure(this.lexError);
      this.pos = this.tokens.length - 1;
    }
  }

  private is(kind: Token['kind'], ...values: string[]): boolean {
    const t = this.cur;
    return t.kind === kind && (values.length === 0 || values.includes(t.value));
  }

  private fail(message: string, at: Token = this.cur): never {
    throw new ParseFailure({ message, start: at.start, end: Math.max(at.end, at.start + 1) });
  }

  private unexpected(at: Token = this.cur): never {
    this.fail(`unexpected token ${tokenText(at)}`, at);
  }

  private next(): void {
    if (this.cur.kind === 'EOF') this.fail('unexpected end of expression');
    // expr refuses more than conf.DefaultMaxNodes (10,000) nodes; tokens are a close enough proxy.
    if (this.pos >= MAX_TOKENS) this.fail('compilation failed: expression exceeds maximum allowed nodes');
    this.pos++;
    this.arrive();
  }

  private expect(kind: Token['kind'], value?: string): Token {
    const t = this.cur;
    if (t.kind === kind && (value === undefined || t.value === value)) {
      this.next();
      return t;
    }
    this.unexpected();
  }

  private prevEnd(): number {
    return this.tokens[Math.max(0, this.pos - 1)]?.end ?? 0;
  }

  parseProgram(): ExprNode {
    const node = this.parseSequence();
    if (!this.is('EOF')) this.unexpected();
    return node;
  }

  private parseSequence(): ExprNode {
    const items = [this.parseExpression(0)];
    while (this.is('Operator', ';')) {
      this.next();
      if (this.is('EOF')) break;
      items.push(this.parseExpression(0));
    }
    if (items.length === 1) return items[0];
    return { type: 'Sequence', items, start: items[0].start, end: items[items.length - 1].end };
  }

  private parseExpression(precedence: number): ExprNode {
    if (++this.nesting > MAX_NESTING) this.fail('expression is nested too deeply');
    try {
      return this.parseExpressionInner(precedence);
    } finally {
      this.nesting--;
    }
  }

  private parseExpressionInner(precedence: number): ExprNode {
    if (precedence === 0 && this.is('Operator', 'let')) return this.parseLet();
    if (precedence === 0 && this.is('Operator', 'if')) return this.parseIf();

    let left = this.parsePrimary();
    let previous = '';
    while (this.cur.kind === 'Operator') {
      let opToken = this.cur;
      let negate: Token | undefined;
      if (opToken.value === 'not') {
        const after = this.tokens[this.pos + 1];
        if (!after || after.kind !== 'Operator' || !NEGATABLE.has(after.value)) {
          this.next();
          this.unexpected();
        }
        if (BINARY[after.value].precedence < precedence) break;
        negate = opToken;
        this.pos++;
        opToken = this.cur;
      }
      const info = BINARY[opToken.value];
      if (!info || info.precedence < precedence) break;
      this.next();

      if (opToken.value === '|') {
        const name = this.expect('Identifier');
        left = this.parseCall(name, [left], true);
        previous = opToken.value;
        continue;
      }
      if (previous === '??' && opToken.value !== '??') {
        this.fail(`Operator (${opToken.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`, opToken);
      }
      if (COMPARISON.has(opToken.value)) {
        left = this.parseComparison(left, opToken, info.precedence);
        previous = opToken.value;
        continue;
      }
      const right = this.parseExpression(info.right ? info.precedence : info.precedence + 1);
      left = { type: 'Binary', op: opToken.value, left, right, opStart: opToken.start, start: left.start, end: right.end };
      if (negate) left = { type: 'Unary', op: 'not', operand: left, start: left.start, end: left.end };
      previous = opToken.value;
    }
    if (precedence === 0) left = this.parseConditional(left);
    return left;
  }

  /** `a < b < c` means `a < b && b < c`. */
  private parseComparison(first: ExprNode, opToken: Token, precedence: number): ExprNode {
    let root: ExprNode | undefined;
    let left = first;
    let op = opToken;
    for (;;) {
      const right = this.parseExpression(precedence + 1);
      const cmp: ExprNode = { type: 'Binary', op: op.value, left, right, opStart: op.start, start: left.start, end: right.end };
      root = root ? { type: 'Binary', op: '&&', left: root, right: cmp, opStart: op.start, start: root.start, end: cmp.end } : cmp;
      left = right;
      op = this.cur;
      if (!(op.kind === 'Operator' && COMPARISON.has(op.value))) break;
      this.next();
    }
    return root;
  }

  private parseConditional(node: ExprNode): ExprNode {
    let result = node;
    while (this.is('Operator', '?')) {
      this.next();
      let then: ExprNode;
      let otherwise: ExprNode;
      if (!this.is('Operator', ':')) {
        then = this.parseExpression(0);
        this.expect('Operator', ':');
        otherwise = this.parseExpression(0);
      } else {
        this.next();
        then = result;
        otherwise = this.parseExpression(0);
      }
      result = { type: 'Conditional', cond: result, then, otherwise, start: result.start, end: otherwise.end };
    }
    return result;
  }

  private parseLet(): ExprNode {
    const letToken = this.expect('Operator', 'let');
    const name = this.expect('Identifier');
    this.expect('Operator', '=');
    const value = this.parseExpression(0);
    this.expect('Operator', ';');
    const body = this.parseSequence();
    return { type: 'Let', name: name.value, nameStart: name.start, nameEnd: name.end, value, body, start: letToken.start, end: body.end };
  }

  private parseIf(): ExprNode {
    const ifToken = this.cur;
    this.next();
    const cond = this.parseExpression(0);
    this.expect('Bracket', '{');
    const then = this.parseSequence();
    this.expect('Bracket', '}');
    this.expect('Operator', 'else');
    let otherwise: ExprNode;
    if (this.is('Operator', 'if')) {
      otherwise = this.parseIf();
    } else {
      this.expect('Bracket', '{');
      otherwise = this.parseSequence();
      this.expect('Bracket', '}');
    }
    return { type: 'Conditional', cond, then, otherwise, start: ifToken.start, end: this.prevEnd() };
  }

  private parsePrimary(): ExprNode {
    const t = this.cur;
    if (t.kind === 'Operator' && UNARY[t.value] !== undefined) {
      this.next();
      const operand = this.parseExpression(UNARY[t.value]);
      return this.parsePostfix({ type: 'Unary', op: t.value, operand, start: t.start, end: operand.end });
    }
    if (t.kind === 'Bracket' && t.value === '(') {
      this.next();
      const inner = this.parseSequence();
      this.expect('Bracket', ')');
      return this.parsePostfix(inner);
    }
    if (this.depth > 0 && t.kind === 'Operator' && (t.value === '#' || t.value === '.')) {
      let name = '';
      let end = t.end;
      if (t.value === '#') {
        this.next();
        if (this.cur.kind === 'Identifier') {
          name = this.cur.value;
          end = this.cur.end;
          this.next();
        }
      }
      return this.parsePostfix({ type: 'Pointer', name, start: t.start, end });
    }
    if (t.kind === 'Operator' && t.value === '::') {
      this.next();
      const name = this.expect('Identifier');
      return this.parsePostfix(this.parseCall(name, [], false));
    }
    return this.parseSecondary();
  }

  private parseSecondary(): ExprNode {
    const t = this.cur;
    let node: ExprNode;
    switch (t.kind) {
      case 'Identifier': {
        this.next();
        if (t.value === 'true' || t.value === 'false') return { type: 'Literal', kind: 'bool', value: t.value === 'true', start: t.start, end: t.end };
        if (t.value === 'nil') return { type: 'Literal', kind: 'nil', value: null, start: t.start, end: t.end };
        node = this.is('Bracket', '(') ? this.parseCall(t, [], false) : ({ type: 'Identifier', name: t.value, start: t.start, end: t.end } as IdentifierNode);
        break;
      }
      case 'Number':
        this.next();
        return this.numberLiteral(t);
      case 'String':
        this.next();
        node = { type: 'Literal', kind: 'string', value: t.value, start: t.start, end: t.end };
        break;
      case 'Bytes':
        this.next();
        node = { type: 'Literal', kind: 'bytes', value: t.value, start: t.start, end: t.end };
        break;
      default:
        if (t.kind === 'Bracket' && t.value === '[') node = this.parseArray();
        else if (t.kind === 'Bracket' && t.value === '{') node = this.parseMap();
        else this.unexpected();
    }
    return this.parsePostfix(node);
  }

  private numberLiteral(t: Token): LiteralNode {
    const raw = t.value.replace(/_/g, '');
    const lower = raw.toLowerCase();
    const go = (kind: string, what: string) => this.fail(`invalid ${kind} literal: strconv.${what}: parsing ${JSON.stringify(raw)}: invalid syntax`, t);
    const lit = (kind: 'int' | 'float', value: number): LiteralNode => ({ type: 'Literal', kind, value, start: t.start, end: t.end });
    const int = (digits: string, base: number, kind: string): LiteralNode => {
      const v = digits === '' ? NaN : parseInt(digits, base);
      if (Number.isNaN(v)) go(kind, 'ParseInt');
      if (v > 9223372036854775807) this.fail(`invalid ${kind} literal: strconv.ParseInt: parsing ${JSON.stringify(raw)}: value out of range`, t);
      return lit('int', v);
    };
    if (lower.startsWith('0x')) return /^0x[0-9a-f]+$/.test(lower) ? int(lower.slice(2), 16, 'hex') : go('hex', 'ParseInt');
    if (/[.e]/.test(lower)) {
      if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) go('float', 'ParseFloat');
      const v = Number(lower);
      if (!Number.isFinite(v)) this.fail(`invalid float literal: strconv.ParseFloat: parsing ${JSON.stringify(raw)}: value out of range`, t);
      return lit('float', v);
    }
    if (lower.startsWith('0b')) return /^0b[01]+$/.test(lower) ? int(lower.slice(2), 2, 'binary') : go('binary', 'ParseInt');
    if (lower.startsWith('0o')) return /^0o[0-7]+$/.test(lower) ? int(lower.slice(2), 8, 'octal') : go('octal', 'ParseInt');
    return /^\d+$/.test(lower) ? int(lower, 10, 'integer') : go('integer', 'ParseInt');
  }

  private parseCall(name: Token, args: ExprNode[], piped: boolean): CallNode {
    const callee: IdentifierNode = { type: 'Identifier', name: name.value, start: name.start, end: name.end };
    const spec = PREDICATE_BUILTINS[name.value];
    const start = piped && args[0] ? args[0].start : name.start;
    if (spec) {
      this.expect('Bracket', '(');
      const rest = spec.slice(args.length);
      for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        const optional = arg.endsWith('?');
        if (this.is('Bracket', ')')) {
          if (optional) break;
          this.fail(`expected at least ${rest.length} arguments`);
        }
        if (i > 0) this.expect('Operator', ',');
        args.push(arg.startsWith('predicate') ? this.parsePredicate() : this.parseExpression(0));
      }
      if (this.is('Operator', ',')) this.next();
      this.expect('Bracket', ')');
    } else {
      this.parseArguments(args);
    }
    return { type: 'Call', callee, args, nameStart: name.start, nameEnd: name.end, piped, start, end: this.prevEnd() };
  }

  private parseArguments(args: ExprNode[]): ExprNode[] {
    const offset = args.length;
    this.expect('Bracket', '(');
    while (!this.is('Bracket', ')')) {
      if (args.length > offset) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ')')) break;
      }
      args.push(this.parseExpression(0));
    }
    this.expect('Bracket', ')');
    return args;
  }

  private parsePredicate(): PredicateNode {
    const startToken = this.cur;
    const braces = this.is('Bracket', '{');
    if (braces) this.next();
    this.depth++;
    let body: ExprNode;
    if (braces) {
      body = this.parseSequence();
    } else {
      body = this.parseExpression(0);
      if (this.is('Operator', ';')) this.fail('wrap predicate with brackets { and }');
    }
    this.depth--;
    if (braces) this.expect('Bracket', '}');
    return { type: 'Predicate', body, start: startToken.start, end: this.prevEnd() };
  }

  private parseArray(): ArrayNode {
    const open = this.expect('Bracket', '[');
    const items: ExprNode[] = [];
    while (!this.is('Bracket', ']')) {
      if (items.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ']')) break;
      }
      items.push(this.parseExpression(0));
    }
    this.expect('Bracket', ']');
    return { type: 'Array', items, start: open.start, end: this.prevEnd() };
  }

  private parseMap(): MapNode {
    const open = this.expect('Bracket', '{');
    const pairs: MapNode['pairs'] = [];
    while (!this.is('Bracket', '}')) {
      if (pairs.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', '}')) break;
        if (this.is('Operator', ',')) this.unexpected();
      }
      let key: ExprNode;
      const t = this.cur;
      if (t.kind === 'Number' || t.kind === 'String' || t.kind === 'Identifier') {
        key = { type: 'Literal', kind: 'string', value: t.value, start: t.start, end: t.end };
        this.next();
      } else if (t.kind === 'Bracket' && t.value === '(') {
        key = this.parseExpression(0);
      } else {
        this.fail(`a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${tokenText(t)})`);
      }
      this.expect('Operator', ':');
      pairs.push({ key, value: this.parseExpression(0) });
    }
    this.expect('Bracket', '}');
    return { type: 'Map', pairs, start: open.start, end: this.prevEnd() };
  }

  private parsePostfix(node: ExprNode): ExprNode {
    let result = node;
    for (;;) {
      const t = this.cur;
      if (t.kind === 'Operator' && (t.value === '.' || t.value === '?.')) {
        const optional = t.value === '?.';
        this.next();
        if (optional && this.is('Bracket', '[')) {
          result = this.parseIndex(result, true);
          continue;
        }
        const prop = this.cur;
        this.next();
        if (prop.kind !== 'Identifier' && !(prop.kind === 'Operator' && isIdentifier(prop.value))) this.fail('expected name', prop);
        const member: MemberNode = {
          type: 'Member',
          object: result,
          property: { type: 'Literal', kind: 'string', value: prop.value, start: prop.start, end: prop.end },
          computed: false,
          optional,
          start: result.start,
          end: prop.end,
        };
        if (this.is('Bracket', '(')) {
          const args = this.parseArguments([]);
          result = { type: 'Call', callee: member, args, nameStart: prop.start, nameEnd: prop.end, piped: false, start: result.start, end: this.prevEnd() };
        } else {
          result = member;
        }
        continue;
      }
      if (t.kind === 'Bracket' && t.value === '[') {
        result = this.parseIndex(result, false);
        continue;
      }
      return result;
    }
  }

  /** At `[`: an index `a[i]` or a slice `a[i:j]`, `a[:j]`, `a[i:]`, `a[:]`. */
  private parseIndex(object: ExprNode, optional: boolean): ExprNode {
    this.expect('Bracket', '[');
    if (this.is('Operator', ':')) {
      this.next();
      const to = this.is('Bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('Bracket', ']');
      return { type: 'Slice', object, to, start: object.start, end: this.prevEnd() };
    }
    const from = this.parseExpression(0);
    if (this.is('Operator', ':')) {
      this.next();
      const to = this.is('Bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('Bracket', ']');
      return { type: 'Slice', object, from, to, start: object.start, end: this.prevEnd() };
    }
    this.expect('Bracket', ']');
    return { type: 'Member', object, property: from, computed: true, optional, start: object.start, end: this.prevEnd() };
  }
}

function isIdentifier(s: string): boolean {
  const chars = [...s];
  return chars.length > 0 && isAlphabetic(chars[0]) && chars.every(isAlphaNumeric);
}
