/**
 * The `Images:` block of `get rollout`: `Images`, `mergeImageAndTags` and `mergeTags` of
 * pkg/kubectl-argo-rollouts/info/rollout_info.go (argo-rollouts.md §4.3).
 */
import type { ImageInfo, ReplicaSetInfo } from './model';
import { compareGoStrings } from './objects';

/**
 * Adds an image to the list, or merges its tags into the entry for the same image (the union,
 * sorted). A first-seen image keeps its tags in the order given. The list stays sorted by image.
 */
export function mergeImage(image: ImageInfo, images: ImageInfo[]): ImageInfo[] {
  const found = images.findIndex((i) => i.image === image.image);
  const out = images.slice();
  if (found === -1) {
    out.push({ image: image.image, tags: image.tags.slice() });
  } else {
    const tags = [...new Set([...image.tags, ...out[found].tags])].sort(compareGoStrings);
    out[found] = { image: out[found].image, tags };
  }
  return out.sort((a, b) => compareGoStrings(a.image, b.image));
}

/** The role tags of a Rollout's ReplicaSet, in the plugin's fixed order. */
export function replicaSetTags(rs: ReplicaSetInfo): string[] {
  const tags: string[] = [];
  if (rs.canary) tags.push('canary');
  if (rs.stable) tags.push('stable');
  if (rs.active) tags.push('active');
  if (rs.preview) tags.push('preview');
  if (rs.ping) tags.push('ping');
  if (rs.pong) tags.push('pong');
  return tags;
}

/** Images of the running ReplicaSets (those with `status.replicas > 0`), in ReplicaSet order. */
export function replicaSetImages(replicaSets: readonly ReplicaSetInfo[], images: ImageInfo[] = []): ImageInfo[] {
  let out = images;
  for (const rs of replicaSets) {
    if (rs.replicas <= 0) continue;
    for (const image of rs.images) out = mergeImage({ image, tags: replicaSetTags(rs) }, out);
  }
  return out;
}
