/** The WavePlans of a YAML file, parsed for the executor, with what keeps each from running. */
import { yaml } from '../yaml-on-demand';
import { isWavePlan, parseWavePlan, type PlanProblem, type WavePlan } from '../../../server/src/semantics/waves';

export interface PlanInFile {
  /** metadata.name, or `(unnamed)`. */
  name: string;
  plan?: WavePlan;
  problems: PlanProblem[];
}

/** Quick test before parsing a whole file. */
export const mentionsWavePlan = (text: string): boolean => /^kind:\s*["']?WavePlan["']?\s*$/m.test(text);

export function plansInText(text: string): PlanInFile[] {
  const out: PlanInFile[] = [];
  for (const doc of yaml().parseAllDocuments(text)) {
    if (doc.errors.length > 0) continue;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!isWavePlan(value)) continue;
    const { plan, problems } = parseWavePlan(value);
    const name = (value as { metadata?: { name?: unknown } }).metadata?.name;
    out.push({ name: typeof name === 'string' && name ? name : '(unnamed)', plan, problems });
  }
  return out;
}

/** One line per problem, for an error message: `spec.waves[1].maxUnavailable: …`. */
export function problemLines(problems: PlanProblem[]): string[] {
  return problems.map((p) => `${p.path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}: ${p.message}`);
}
