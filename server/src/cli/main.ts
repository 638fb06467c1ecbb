import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LanguageService } from '../language-service';
import { defaultConfig } from '../check/config';
import { decodeManifestBytes } from '../engine/text/decode';
import { ALL_RULES } from '../rules';
import { BUILTIN } from '../rules/builtin';
import { ruleAnchor } from '../check/diagnostic';
import { manifestFiles, PathError, type Found } from './walk';
import { formatJson, formatText, toReported, type LintResult } from './report';
import { formatSarif } from './sarif';
import { CONFIG_FILE_NAME, parseConfigFile } from '../check/config-file';
import { runGetCommand } from './get-command';

declare const FLEET_ROLLOUTS_VERSION: string | undefined;
const VERSION = typeof FLEET_ROLLOUTS_VERSION === 'string' ? FLEET_ROLLOUTS_VERSION : '0.0.0-dev';

const USAGE = `Usage: fleet-rollouts lint [--format text|json|sarif] [--config FILE] PATH...
       fleet-rollouts get rollout|experiment NAME [-n NS] [--from DIR | --context CTX...] [--no-color] [-w]
       fleet-rollouts status NAME [-n NS] [--from DIR | --context CTX...] [-w] [-t DURATION]

Checks Argo Rollouts, Rancher Fleet and Argo CD ApplicationSet manifests.
PATHs are files or directories (searched for *.yaml, *.yml, *.json; node_modules and .git skipped);
all PATHs of one call form one workspace, so references across files resolve.

Rule severities come from .fleet-rollouts.yaml in the current directory or the nearest parent
(or --config FILE):  rules: { fleet/max-unavailable-partitions-zero: error, yaml/duplicate-key: off }

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable path.

get and status print what \`kubectl argo rollouts get rollout\` and \`status\` print, from live
clusters (kubeconfig contexts) or saved objects (--from DIR); see \`fleet-rollouts get --help\`.
`;

type Format = 'text' | 'json' | 'sarif';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

class UsageError extends Error {}

function parseLintArgs(args: string[]): { format: Format; paths: string[]; config?: string } {
  let format: Format = 'text';
  let config: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a === '-f') {
      const v = args[++i];
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif${v ? `, not '${v}'` : ''}`);
      format = v;
    } else if (a.startsWith('--format=')) {
      const v = a.slice('--format='.length);
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
      format = v;
    } else if (a === '--config') {
      config = args[++i];
      if (!config) throw new UsageError('--config needs a file');
    } else if (a.startsWith('--config=')) {
      config = a.slice('--config='.length);
    } else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      paths.push(a);
    }
  }
  if (paths.length === 0) throw new UsageError('no PATH given');
  return { format, paths, config };
}

function docsUrl(): string {
  // dist/cli.js sits next to docs/ in the package; from out/ (tests) it is two levels up.
  for (const candidate of [path.join(__dirname, '..', 'docs', 'rules.md'), path.join(__dirname, '..', '..', 'docs', 'rules.md')]) {
    if (fs.existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  return defaultConfig().docsUrl;
}

/** The explicit --config file, else .fleet-rollouts.yaml in the working directory or the nearest parent. */
function findConfig(explicit: string | undefined): string | undefined {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new PathError(`cannot read ${explicit}: no such file`);
    return explicit;
  }
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function lint(paths: string[], configPath?: string, warn: (s: string) => void = () => {}): LintResult {
  const files: Found[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    for (const f of manifestFiles(p)) {
      if (seen.has(f.absolute)) continue;
      seen.add(f.absolute);
      files.push(f);
    }
  }
  const config = { ...defaultConfig(), docsUrl: docsUrl() };
  const configFile = findConfig(configPath);
  if (configFile) {
    const known = new Set([...ALL_RULES, ...Object.values(BUILTIN)].map((r) => r.id));
    const parsed = parseConfigFile(fs.readFileSync(configFile, 'utf8'), known);
    for (const p of parsed.problems) warn(`fleet-rollouts: ${configFile}: ${p}\n`);
    config.rules = parsed.rules;
  }
  const service = new LanguageService(config);
  const uriOf = new Map<string, string>();
  for (const f of files) {
    const uri = pathToFileURL(f.absolute).href;
    uriOf.set(f.display, uri);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(f.absolute);
    } catch (err) {
      service.setFile(uri, '', 0, { code: BUILTIN.fileUnreadable.id, message: `Cannot read file: ${(err as Error).message}` });
      continue;
    }
    const decoded = decodeManifestBytes(bytes);
    service.setFile(uri, decoded.text, 0, decoded.notice);
  }
  const rules: LintResult['rules'] = new Map();
  const describe = new Map<string, string>([...ALL_RULES, ...Object.values(BUILTIN)].map((r) => [r.id, r.description]));
  const diagnostics = files.flatMap((f) =>
    service.diagnostics(uriOf.get(f.display)!).map((d) => {
      const r = toReported(f.display, d);
      if (!rules.has(d.code)) rules.set(d.code, { description: describe.get(d.code) ?? d.code, docUrl: `${config.docsUrl}#${ruleAnchor(d.code)}`, severity: r.severity });
      return r;
    }),
  );
  return { files: files.length, diagnostics, rules };
}

export function run(argv: string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'get' || command === 'status') return runGetCommand(command, rest, io);
  if (command !== 'lint') {
    io.err(`fleet-rollouts: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  try {
    const { format, paths, config } = parseLintArgs(rest);
    const result = lint(paths, config, io.err);
    io.out(format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, VERSION) : formatText(result));
    return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`fleet-rollouts lint: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof PathError) {
      io.err(`fleet-rollouts lint: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * Runs the CLI on this process's arguments and exits with its status. The entry point of
 * dist/cli.js (client/src/cli/main.ts) calls it once, after registering the live-cluster source.
 */
export function main(argv: string[] = process.argv.slice(2)): void {
  void Promise.resolve(run(argv, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) })).then((code) => {
    // Let stdout drain before exiting: large JSON/SARIF output is written asynchronously to pipes.
    process.stdout.write('', () => process.exit(code));
  });
}
