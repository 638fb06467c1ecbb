/** Canary step shapes offered when a new item is started under `steps:`. */
export const STEP_SNIPPETS: ReadonlyArray<{ label: string; detail: string; body: string }> = [
  { label: 'setWeight', detail: 'send a share of traffic to the canary', body: 'setWeight: ${1:20}' },
  { label: 'pause (duration)', detail: 'wait, then continue', body: 'pause:\n    duration: ${1:5m}' },
  { label: 'pause (until promoted)', detail: 'wait for a manual promote', body: 'pause: {}' },
  { label: 'analysis', detail: 'run an AnalysisTemplate and gate on it', body: 'analysis:\n    templates:\n      - templateName: ${1:success-rate}\n    args:\n      - name: ${2:service-name}\n        value: ${3}' },
  { label: 'setCanaryScale', detail: 'scale the canary independently of traffic', body: 'setCanaryScale:\n    weight: ${1:25}' },
];
