/**
 * Node construction for the fast YAML parser. The `yaml` classes' constructors each call
 * Object.defineProperty to give every instance its node-type symbol (Symbol.for('yaml.node.type'),
 * which isScalar/isMap/isPair/visit/toJS read); on a 10 MB file that is over half of the parse
 * time. Here nodes are created by plain constructor functions whose `prototype` is the real class
 * prototype, and the node-type symbol, with the value and attributes every instance of the class
 * carries anyway, is defined once on that prototype.
 *
 * So a node built here has the same prototype (Scalar.prototype, ...), constructor, methods and
 * own string-keyed properties (same values, order and attributes, including the non-enumerable
 * `schema` of collections) as one `yaml` builds: isScalar()/instanceof/clone()/toJS()/toString(),
 * util.inspect and assert.deepStrictEqual cannot tell them apart. Only reflection on symbols
 * can: the node type is inherited instead of own (Object.getOwnPropertySymbols(node) is empty).
 *
 * Side effect, at import: Scalar.prototype, Pair.prototype, YAMLMap.prototype and
 * YAMLSeq.prototype of the `yaml` package in node_modules get that non-enumerable symbol
 * property. Nodes `yaml` builds keep their own property, which shadows it with the same value.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Schema } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');

function giveNodeType(proto: object, type: symbol): void {
  if (!Object.prototype.hasOwnProperty.call(proto, NODE_TYPE)) Object.defineProperty(proto, NODE_TYPE, { value: type });
}
giveNodeType(Scalar.prototype, Symbol.for('yaml.scalar'));
giveNodeType(Pair.prototype, Symbol.for('yaml.pair'));
giveNodeType(YAMLMap.prototype, Symbol.for('yaml.map'));
giveNodeType(YAMLSeq.prototype, Symbol.for('yaml.seq'));

interface ScalarInit {
  value: unknown;
}
interface PairInit {
  key: unknown;
  value: unknown;
}
interface CollectionInit {
  items: unknown[];
}

// What the classes' constructors do, minus the per-instance node-type symbol.
function ScalarNode(this: ScalarInit, value: unknown): void {
  this.value = value;
}
function PairNode(this: PairInit, key: unknown, value: unknown): void {
  this.key = key;
  this.value = value;
}
function MapNode(this: CollectionInit, schema: Schema): void {
  Object.defineProperty(this, 'schema', { value: schema, configurable: true, enumerable: false, writable: true });
  this.items = [];
}
function SeqNode(this: CollectionInit, schema: Schema): void {
  Object.defineProperty(this, 'schema', { value: schema, configurable: true, enumerable: false, writable: true });
  this.items = [];
}
ScalarNode.prototype = Scalar.prototype;
PairNode.prototype = Pair.prototype;
MapNode.prototype = YAMLMap.prototype;
SeqNode.prototype = YAMLSeq.prototype;

const ScalarCtor = ScalarNode as unknown as new (value: unknown) => Scalar;
const PairCtor = PairNode as unknown as new (key: unknown, value: unknown) => Pair;
const MapCtor = MapNode as unknown as new (schema: Schema) => YAMLMap;
const SeqCtor = SeqNode as unknown as new (schema: Schema) => YAMLSeq;

export function newScalar(value: unknown): Scalar {
  return new ScalarCtor(value);
}

export function newPair(key: unknown, value: unknown): Pair {
  return new PairCtor(key, value);
}

export function newMap(schema: Schema): YAMLMap {
  return new MapCtor(schema);
}

export function newSeq(schema: Schema): YAMLSeq {
  return new SeqCtor(schema);
}
