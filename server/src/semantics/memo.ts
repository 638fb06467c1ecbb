/**
 * `compute` remembered per key object for as long as the key lives. Parsed values, Rollout views,
 * parsed conditions and resolved template lists are each shared by the several rules that check
 * one object, and every rule asks again.
 */
export function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const answers = new WeakMap<K, V>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as V;
    const answer = compute(key);
    answers.set(key, answer);
    return answer;
  };
}
