/** Syntax tree of an expr-lang expression; every node carries [start, end) offsets in the source. */

interface Base {
  start: number;
  end: number;
}

export type LiteralKind = 'int' | 'float' | 'string' | 'bytes' | 'bool' | 'nil';

export interface LiteralNode extends Base {
  type: 'Literal';
  kind: LiteralKind;
  value: string | number | boolean | null;
}

export interface IdentifierNode extends Base {
  type: 'Identifier';
  name: string;
}

/** `#`, `#index`, `#acc`, or the `.field` shorthand (name '') inside a predicate. */
export interface PointerNode extends Base {
  type: 'Pointer';
  name: string;
}

export interface UnaryNode extends Base {
  type: 'Unary';
  op: string;
  operand: ExprNode;
}

export interface BinaryNode extends Base {
  type: 'Binary';
  op: string;
  left: ExprNode;
  right: ExprNode;
  /** Start of the operator token. */
  opStart: number;
}

/** `a.b`, `a?.b` (property is a string literal) and `a[i]` (computed). */
export interface MemberNode extends Base {
  type: 'Member';
  object: ExprNode;
  property: ExprNode;
  computed: boolean;
  optional: boolean;
}

export interface SliceNode extends Base {
  type: 'Slice';
  object: ExprNode;
  from?: ExprNode;
  to?: ExprNode;
}

/** A call of a name (`len(x)`, also `x | len()`) or of a method (`a.b()`). */
export interface CallNode extends Base {
  type: 'Call';
  callee: IdentifierNode | MemberNode;
  args: ExprNode[];
  /** Start/end of the callee name, for messages about it. */
  nameStart: number;
  nameEnd: number;
  /** Written with the pipe operator: the first argument is the left-hand side. */
  piped: boolean;
}

/** The `{ … }` closure argument of all/filter/map/… */
export interface PredicateNode extends Base {
  type: 'Predicate';
  body: ExprNode;
}

export interface ArrayNode extends Base {
  type: 'Array';
  items: ExprNode[];
}

export interface MapNode extends Base {
  type: 'Map';
  pairs: Array<{ key: ExprNode; value: ExprNode }>;
}

export interface ConditionalNode extends Base {
  type: 'Conditional';
  cond: ExprNode;
  then: ExprNode;
  otherwise: ExprNode;
}

export interface LetNode extends Base {
  type: 'Let';
  name: string;
  nameStart: number;
  nameEnd: number;
  value: ExprNode;
  body: ExprNode;
}

export interface SequenceNode extends Base {
  type: 'Sequence';
  items: ExprNode[];
}

export type ExprNode =
  | LiteralNode
  | IdentifierNode
  | PointerNode
  | UnaryNode
  | BinaryNode
  | MemberNode
  | SliceNode
  | CallNode
  | PredicateNode
  | ArrayNode
  | MapNode
  | ConditionalNode
  | LetNode
  | SequenceNode;

/** The direct children of a node, in source order. */
const LEAF: readonly ExprNode[] = [];

export function children(n: ExprNode): readonly ExprNode[] {
  switch (n.type) {
    case 'Literal':
    case 'Identifier':
    case 'Pointer':
      return LEAF;
    case 'Unary':
      return [n.operand];
    case 'Binary':
      return [n.left, n.right];
    case 'Member':
      return [n.object, n.property];
    case 'Slice':
      return [n.object, ...(n.from ? [n.from] : []), ...(n.to ? [n.to] : [])];
    case 'Call':
      return n.callee.type === 'Member' ? [n.callee, ...n.args] : n.args;
    case 'Predicate':
      return [n.body];
    case 'Array':
      return n.items;
    case 'Map':
      return n.pairs.flatMap((p) => [p.key, p.value]);
    case 'Conditional':
      return [n.cond, n.then, n.otherwise];
    case 'Let':
      return [n.value, n.body];
    case 'Sequence':
      return n.items;
  }
}

/** Visits every node depth-first; return false from `enter` to skip a subtree. */
export function walk(n: ExprNode, enter: (node: ExprNode, parent: ExprNode | undefined) => boolean | void, parent?: ExprNode): void {
  if (enter(n, parent) === false) return;
  for (const c of children(n)) walk(c, enter, n);
}
