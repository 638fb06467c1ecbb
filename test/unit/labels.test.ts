// Label selectors with apimachinery semantics (server/src/semantics/labels).
// Matching: fleet-argocd.md §2.7 ("{} = everything, null = no criterion, NotIn/DoesNotExist match when the key is absent"), §3.2.
// Messages: fleet-argocd.md §1.5 "LabelSelector errors" (apimachinery v0.36 LabelSelectorAsSelector / labels.NewRequirement).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  labelKeyErrors,
  labelSelectorIssues,
  readLabelSelector,
  selectorMatches,
  toSelector,
  SelectorError,
  type LabelSelector,
} from '../../server/src/semantics/labels/selector';
import { conflictingKeys, conjoin, conjunctionOf, coversEverything, implies, isSatisfiable, selectorsIntersect, sharedPresentKeys, witness } from '../../server/src/semantics/labels/algebra';

const sel = (raw: unknown) => toSelector(readLabelSelector(raw));

describe('label selector matching (fleet-argocd.md §2.7, §3.2)', () => {
  const cases: Array<{ name: string; selector: unknown; labels: Record<string, string>; want: boolean }> = [
    { name: 'nil selector matches nothing', selector: null, labels: { env: 'prod' }, want: false },
    { name: 'absent selector matches nothing', selector: undefined, labels: {}, want: false },
    { name: '{} matches everything', selector: {}, labels: {}, want: true },
    { name: 'empty matchLabels and matchExpressions match everything', selector: { matchLabels: {}, matchExpressions: [] }, labels: { a: 'b' }, want: true },
    { name: 'matchLabels equal', selector: { matchLabels: { env: 'prod' } }, labels: { env: 'prod', region: 'eu' }, want: true },
    { name: 'matchLabels different value', selector: { matchLabels: { env: 'prod' } }, labels: { env: 'dev' }, want: false },
    { name: 'matchLabels key absent', selector: { matchLabels: { env: 'prod' } }, labels: {}, want: false },
    { name: 'matchLabels are ANDed', selector: { matchLabels: { env: 'prod', region: 'eu' } }, labels: { env: 'prod' }, want: false },
    { name: 'In', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] }, labels: { env: 'b' }, want: true },
    { name: 'In, key absent', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['a'] }] }, labels: {}, want: false },
    { name: 'NotIn, other value', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] }, labels: { env: 'b' }, want: true },
    { name: 'NotIn, listed value', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] }, labels: { env: 'a' }, want: false },
    { name: 'NotIn matches when the key is absent', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] }, labels: {}, want: true },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels: { env: '' }, want: true },
    { name: 'Exists, absent', selector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels: {}, want: false },
    { name: 'DoesNotExist, absent', selector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels: { other: 'x' }, want: true },
    { name: 'DoesNotExist, present', selector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels: { env: 'x' }, want: false },
    {
      name: 'matchLabels and matchExpressions are ANDed',
      selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['gold'] }] },
      labels: { env: 'prod', tier: 'gold' },
      want: false,
    },
    { name: 'unquoted YAML numbers read as their text', selector: { matchLabels: { wave: 1 } }, labels: { wave: '1' }, want: true },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(selectorMatches(sel(c.selector), c.labels), c.want));
  }
});

describe('label selector validation messages (fleet-argocd.md §1.5)', () => {
  const KEY_RULE =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const VALUE_RULE =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  const cases: Array<{ name: string; selector: unknown; want: Array<[Array<string | number>, string]> }> = [
    {
      name: 'invalid operator',
      selector: { matchExpressions: [{ key: 'env', operator: 'Foo', values: ['a'] }] },
      want: [[['matchExpressions', 0, 'operator'], '"Foo" is not a valid label selector operator']],
    },
    {
      name: 'operators are case-sensitive',
      selector: { matchExpressions: [{ key: 'env', operator: 'in', values: ['a'] }] },
      want: [[['matchExpressions', 0, 'operator'], '"in" is not a valid label selector operator']],
    },
    {
      name: 'In without values',
      selector: { matchExpressions: [{ key: 'env', operator: 'In' }] },
      want: [[['matchExpressions', 0], "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"]],
    },
    {
      name: 'NotIn with an empty list is nil too',
      selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: [] }] },
      want: [[['matchExpressions', 0], "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"]],
    },
    {
      name: 'Exists with values',
      selector: { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['a'] }] },
      want: [[['matchExpressions', 0], 'values: Invalid value: ["a"]: values set must be empty for exists and does not exist']],
    },
    {
      name: 'bad key in matchLabels',
      selector: { matchLabels: { 'bad key': 'x' } },
      want: [[['matchLabels', 'bad key'], `key: Invalid value: "bad key": name part ${KEY_RULE}`]],
    },
    {
      name: 'bad value in matchLabels',
      selector: { matchLabels: { env: 'bad value' } },
      want: [[['matchLabels', 'env'], `values[0][env]: Invalid value: "bad value": ${VALUE_RULE}`]],
    },
    {
      name: 'several errors in one requirement are aggregated',
      selector: { matchExpressions: [{ key: 'bad key', operator: 'In' }] },
      want: [
        [
          ['matchExpressions', 0, 'key'],
          `[key: Invalid value: "bad key": name part ${KEY_RULE}, values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty]`,
        ],
      ],
    },
    {
      name: 'prefix part must be a DNS subdomain',
      selector: { matchLabels: { 'Example.com/env': 'x' } },
      want: [
        [
          ['matchLabels', 'Example.com/env'],
          `key: Invalid value: "Example.com/env": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        ],
      ],
    },
    { name: 'valid selector has no issue', selector: { matchLabels: { 'fleet.cattle.io/env': 'prod', empty: '' }, matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, want: [] },
    { name: 'nil selector has no issue', selector: null, want: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(
        labelSelectorIssues(c.selector).map((i) => [i.path, i.message]),
        c.want,
      );
    });
  }

  test('toSelector throws the first error like LabelSelectorAsSelector', () => {
    const bad: LabelSelector = { matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Gt', values: ['1'] }] };
    assert.throws(() => toSelector(bad), (e: unknown) => e instanceof SelectorError && e.message === '"Gt" is not a valid label selector operator');
  });

  test('key length and emptiness', () => {
    assert.deepEqual(labelKeyErrors('a'.repeat(64)).slice(0, 1), ['name part must be no more than 63 bytes']);
    assert.equal(labelKeyErrors('/x')[0], 'prefix part must be non-empty');
    assert.deepEqual(labelKeyErrors('a/b/c').length, 1);
    assert.deepEqual(labelKeyErrors('example.com/my-key_1.x'), []);
  });
});

describe('label selector algebra (fleet-argocd.md §2.9 R5: overlap and contradiction)', () => {
  const conj = (raw: unknown) => conjunctionOf(sel(raw))!;
  const env = (v: string) => ({ matchLabels: { env: v } });
  const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, values }] });

  test('equal labels intersect; conflicting values do not', () => {
    assert.equal(selectorsIntersect(sel(env('prod')), sel(env('prod'))), true);
    assert.equal(selectorsIntersect(sel(env('prod')), sel(env('dev'))), false);
    assert.deepEqual(conflictingKeys(conjoin(conj(env('prod')), conj(env('dev')))), ['env']);
  });

  test('In sets that intersect; NotIn excluding the only value', () => {
    assert.equal(selectorsIntersect(sel(expr('env', 'In', ['a', 'b'])), sel(expr('env', 'In', ['b', 'c']))), true);
    assert.equal(selectorsIntersect(sel(expr('env', 'In', ['a'])), sel(expr('env', 'In', ['c']))), false);
    assert.equal(selectorsIntersect(sel(env('a')), sel(expr('env', 'NotIn', ['a']))), false);
    assert.equal(selectorsIntersect(sel(expr('env', 'NotIn', ['a'])), sel(expr('env', 'NotIn', ['b']))), true);
  });

  test('Exists / DoesNotExist', () => {
    assert.equal(selectorsIntersect(sel(expr('env', 'Exists')), sel(expr('env', 'DoesNotExist'))), false);
    assert.equal(selectorsIntersect(sel(env('a')), sel(expr('env', 'DoesNotExist'))), false);
    assert.equal(selectorsIntersect(sel(expr('env', 'NotIn', ['a'])), sel(expr('env', 'DoesNotExist'))), true);
  });

  test('a selector contradicting itself is unsatisfiable', () => {
    const raw = { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] };
    assert.equal(isSatisfiable(conj(raw)), false);
  });

  test('nothing intersects nothing; {} intersects everything', () => {
    assert.equal(selectorsIntersect(sel(null), sel({})), false);
    assert.equal(selectorsIntersect(sel({}), sel(env('x'))), true);
  });

  test('implication: subset of labels, In ⊆ In, value ∉ NotIn, Exists', () => {
    assert.equal(implies(conj({ matchLabels: { env: 'prod', region: 'eu' } }), conj(env('prod'))), true);
    assert.equal(implies(conj(env('prod')), conj({ matchLabels: { env: 'prod', region: 'eu' } })), false);
    assert.equal(implies(conj(expr('env', 'In', ['a'])), conj(expr('env', 'In', ['a', 'b']))), true);
    assert.equal(implies(conj(expr('env', 'In', ['a', 'c'])), conj(expr('env', 'In', ['a', 'b']))), false);
    assert.equal(implies(conj(env('a')), conj(expr('env', 'NotIn', ['b']))), true);
    assert.equal(implies(conj(env('a')), conj(expr('env', 'Exists'))), true);
    assert.equal(implies(conj(expr('env', 'Exists')), conj(env('a'))), false);
    assert.equal(implies(conj(expr('env', 'NotIn', ['a', 'b'])), conj(expr('env', 'NotIn', ['a']))), true);
    assert.equal(implies(conj(expr('env', 'NotIn', ['a'])), conj(expr('env', 'NotIn', ['a', 'b']))), false);
    assert.equal(implies(conj(expr('env', 'DoesNotExist')), conj(expr('env', 'NotIn', ['a']))), true);
    assert.equal(implies(conj(env('a')), conj({})), true);
    assert.equal(implies(conj({}), conj(env('a'))), false);
  });

  test('shared present keys and a witness for messages', () => {
    const a = conj({ matchLabels: { env: 'prod', region: 'eu' } });
    const b = conj({ matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] });
    assert.deepEqual(sharedPresentKeys(a, b), ['env']);
    assert.deepEqual(witness(conjoin(a, b)), { env: 'prod', region: 'eu', tier: 'any' });
    assert.equal(witness(conjoin(conj(env('a')), conj(env('b')))), undefined);
  });
});

describe('label selector union coverage (fleet-argocd.md §2.3: clusters in no partition are never deployed)', () => {
  const conj = (raw: unknown) => conjunctionOf(toSelector(readLabelSelector(raw)))!;
  const expr = (key: string, operator: string, values?: string[]) => conj({ matchExpressions: [{ key, operator, values }] });
  test('In and NotIn of the same values cover everything', () => {
    assert.equal(coversEverything([expr('stage', 'In', ['canary']), expr('stage', 'NotIn', ['canary'])]), true);
  });
  test('two values of one key do not', () => {
    assert.equal(coversEverything([conj({ matchLabels: { env: 'staging' } }), conj({ matchLabels: { env: 'prod' } })]), false);
  });
  test('Exists and DoesNotExist cover everything', () => {
    assert.equal(coversEverything([expr('a', 'Exists'), expr('a', 'DoesNotExist')]), true);
  });
  test('{} covers everything; nothing covers nothing', () => {
    assert.equal(coversEverything([conj({ matchLabels: { a: 'b' } }), conj({})]), true);
    assert.equal(coversEverything([]), false);
  });
  test('a product of two keys needs all four cases', () => {
    const a = (x: string, y: string) => conj({ matchExpressions: [{ key: 'x', operator: x, values: ['1'] }, { key: 'y', operator: y, values: ['1'] }] });
    assert.equal(coversEverything([a('In', 'In'), a('In', 'NotIn'), a('NotIn', 'In')]), false);
    assert.equal(coversEverything([a('In', 'In'), a('In', 'NotIn'), a('NotIn', 'In'), a('NotIn', 'NotIn')]), true);
  });
});
