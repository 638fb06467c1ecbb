/**
 * The `yaml` library, loaded the first time a command reads or writes YAML instead of when the
 * extension activates. It was a third of the client bundle and about 10 of the 31 ms that
 * require + activate took (bench/activation.cjs); the build puts it in dist/client-yaml.js.
 * Import its types with `import type`: a value import would bundle it back into dist/client.js.
 */
type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export function yaml(): Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('yaml') as Yaml);
}
