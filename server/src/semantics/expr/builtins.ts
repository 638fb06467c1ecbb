/**
 * expr v1.17.8 built-in functions (builtin/builtin.go) with the argument counts its checker
 * accepts and the message it gives otherwise, and what each returns when that is fixed.
 */

/** A static type as far as it can be known without the measurement value. */
export type StaticType = 'bool' | 'int' | 'float' | 'number' | 'string' | 'array' | 'map' | 'nil' | 'time' | 'duration' | 'bytes' | 'unknown';

/** How expr reports a wrong number of arguments for this function. */
type ArityStyle =
  /** Validate funcs: "invalid number of arguments (expected N, got M)". */
  | 'validate'
  /** One Go signature: "not enough arguments to call f" / "too many arguments to call f". */
  | 'signature'
  /** Several Go signatures: "no matching overload for f". */
  | 'overload';

export interface BuiltinInfo {
  min: number;
  /** Infinity for variadic functions. */
  max: number;
  style: ArityStyle;
  returns: StaticType;
  /** Overrides the "expected N" text of validate-style messages (e.g. "1 or 2"). */
  expected?: string;
}

const b = (min: number, max: number, style: ArityStyle, returns: StaticType, expected?: string): BuiltinInfo => ({ min, max, style, returns, expected });

export const BUILTINS: Readonly<Record<string, BuiltinInfo>> = {
  // Predicates (arity enforced by the parser).
  all: b(2, 2, 'validate', 'bool'),
  none: b(2, 2, 'validate', 'bool'),
  any: b(2, 2, 'validate', 'bool'),
  one: b(2, 2, 'validate', 'bool'),
  filter: b(2, 2, 'validate', 'array'),
  map: b(2, 2, 'validate', 'array'),
  find: b(2, 2, 'validate', 'unknown'),
  findIndex: b(2, 2, 'validate', 'int'),
  findLast: b(2, 2, 'validate', 'unknown'),
  findLastIndex: b(2, 2, 'validate', 'int'),
  count: b(1, 2, 'validate', 'int'),
  sum: b(1, 2, 'validate', 'number'),
  groupBy: b(2, 2, 'validate', 'map'),
  sortBy: b(2, 3, 'validate', 'array'),
  reduce: b(2, 3, 'validate', 'unknown'),
  // Everything else.
  len: b(1, 1, 'validate', 'int'),
  type: b(1, 1, 'signature', 'string'),
  abs: b(1, 1, 'validate', 'number'),
  ceil: b(1, 1, 'validate', 'float'),
  floor: b(1, 1, 'validate', 'float'),
  round: b(1, 1, 'validate', 'float'),
  int: b(1, 1, 'validate', 'int'),
  float: b(1, 1, 'validate', 'float'),
  string: b(1, 1, 'signature', 'string'),
  trim: b(1, 2, 'overload', 'string'),
  trimPrefix: b(1, 2, 'overload', 'string'),
  trimSuffix: b(1, 2, 'overload', 'string'),
  upper: b(1, 1, 'signature', 'string'),
  lower: b(1, 1, 'signature', 'string'),
  split: b(2, 3, 'overload', 'array'),
  splitAfter: b(2, 3, 'overload', 'array'),
  replace: b(3, 4, 'overload', 'string'),
  repeat: b(2, 2, 'signature', 'string'),
  join: b(1, 2, 'overload', 'string'),
  indexOf: b(2, 2, 'signature', 'int'),
  lastIndexOf: b(2, 2, 'signature', 'int'),
  hasPrefix: b(2, 2, 'signature', 'bool'),
  hasSuffix: b(2, 2, 'signature', 'bool'),
  max: b(1, Infinity, 'validate', 'number'),
  min: b(1, Infinity, 'validate', 'number'),
  mean: b(1, Infinity, 'validate', 'float'),
  median: b(1, Infinity, 'validate', 'float'),
  toJSON: b(1, 1, 'signature', 'string'),
  fromJSON: b(1, 1, 'signature', 'unknown'),
  toBase64: b(1, 1, 'signature', 'string'),
  fromBase64: b(1, 1, 'signature', 'string'),
  now: b(0, 1, 'validate', 'time', '0'),
  duration: b(1, 1, 'signature', 'duration'),
  date: b(1, 4, 'validate', 'time'),
  timezone: b(1, 1, 'signature', 'unknown'),
  first: b(1, 1, 'validate', 'unknown'),
  last: b(1, 1, 'validate', 'unknown'),
  get: b(2, 2, 'validate', 'unknown'),
  take: b(2, 2, 'validate', 'array'),
  keys: b(1, 1, 'validate', 'array'),
  values: b(1, 1, 'validate', 'array'),
  toPairs: b(1, 1, 'validate', 'array'),
  fromPairs: b(1, 1, 'validate', 'map'),
  reverse: b(1, 1, 'validate', 'array'),
  uniq: b(1, 1, 'validate', 'array'),
  concat: b(1, Infinity, 'validate', 'array'),
  flatten: b(1, 1, 'validate', 'array'),
  sort: b(1, 2, 'validate', 'array', '1 or 2'),
  bitand: b(2, 2, 'signature', 'int'),
  bitor: b(2, 2, 'signature', 'int'),
  bitxor: b(2, 2, 'signature', 'int'),
  bitnand: b(2, 2, 'signature', 'int'),
  bitnot: b(1, 1, 'signature', 'int'),
  bitshl: b(2, 2, 'signature', 'int'),
  bitshr: b(2, 2, 'signature', 'int'),
  bitushr: b(2, 2, 'signature', 'int'),
};

/** The message expr gives for `got` arguments, or undefined when the count is accepted. */
export function arityError(name: string, info: BuiltinInfo, got: number): string | undefined {
  if (got >= info.min && got <= info.max) return undefined;
  switch (info.style) {
    case 'signature':
      return got < info.min ? `not enough arguments to call ${name}` : `too many arguments to call ${name}`;
    case 'overload':
      return `no matching overload for ${name}`;
    case 'validate':
      if (info.max === Infinity) return got === 0 && (name === 'concat') ? 'invalid number of arguments (expected at least 1, got 0)' : `not enough arguments to call ${name}`;
      if (name === 'date') return got < 1 ? `invalid number of arguments (expected at least 1, got ${got})` : `invalid number of arguments (expected at most 3, got ${got})`;
      return `invalid number of arguments (expected ${info.expected ?? (info.min === info.max ? info.min : `${info.min} or ${info.max}`)}, got ${got})`;
  }
}

/** Go type names as `%T` prints them, for "expected bool, but got …". */
export const GO_TYPE: Partial<Record<StaticType, string>> = {
  bool: 'bool',
  int: 'int',
  float: 'float64',
  string: 'string',
  array: '[]interface {}',
  map: 'map[string]interface {}',
  nil: '<nil>',
  time: 'time.Time',
  duration: 'time.Duration',
  bytes: '[]uint8',
};
