import { K } from '../../engine/kinds';
import { IMAGESCAN_DISABLED, SCAN_NAME_REQUIRED } from '../../semantics/fleet/validate-fleet-yaml';
import type { Rule } from '../rule';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || v === '';

export const rule: Rule = {
  id: 'fleet/image-scans',
  description: 'imageScans need Fleet installed with image scanning enabled (off by default), and every scan with an image needs a tagName.',
  severity: 'warning',
  appliesTo: [K.FleetYaml],
  upstream: 'internal/bundlereader/read.go bundleFromDir: "imagescan is disabled…", "the name of scan is required" (fleet-argocd.md §1.5, §1.7 F2)',
  check(object, ctx) {
    const scans = object.value?.imageScans;
    if (!Array.isArray(scans) || scans.length === 0) return;
    ctx.report({
      path: ['imageScans'],
      onKey: true,
      message: `imageScans work only when Fleet runs with image scanning enabled (Helm value imagescan.enabled, false by default); otherwise fleet apply fails with “${IMAGESCAN_DISABLED}”.`,
    });
    scans.forEach((scan, i) => {
      if (!isRecord(scan) || blank(scan.image) || !blank(scan.tagName)) return;
      ctx.report({
        path: ['imageScans', i],
        severity: 'error',
        message: `This scan has an image but no tagName: fleet apply fails with “${SCAN_NAME_REQUIRED}”. Set tagName to the name your manifests refer to in their \`# {"$imagescan": "<tagName>"}\` markers.`,
      });
    });
  },
};
