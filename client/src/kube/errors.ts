/** What went wrong talking to a cluster, in terms a user can act on. */
export type KubeErrorKind = 'unreachable' | 'tls' | 'unauthorized' | 'forbidden' | 'notFound' | 'gone' | 'conflict' | 'invalid' | 'server' | 'timeout' | 'cancelled';

export class KubeError extends Error {
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly status?: number,
    /** The Kubernetes Status object, when the server sent one. */
    readonly details?: { reason?: string; message?: string },
  ) {
    super(message);
    this.name = 'KubeError';
  }
}

interface StatusBody {
  kind?: string;
  reason?: string;
  message?: string;
  details?: { name?: string; group?: string; kind?: string };
}

/** Turns an HTTP answer that is not 2xx into a KubeError whose message says what to do. */
export function errorFromStatus(status: number, body: unknown, context: string, verb: string, resource: string): KubeError {
  const s = (body && typeof body === 'object' ? body : {}) as StatusBody;
  const upstream = s.message ? `: ${s.message}` : '';
  switch (status) {
    case 401:
      return new KubeError('unauthorized', `${context}: the credentials were rejected (401 Unauthorized) — they may have expired; log in again or refresh the kubeconfig${upstream}`, status, s);
    case 403:
      return new KubeError('forbidden', `${context}: forbidden to ${verb} ${resource}${upstream}`, status, s);
    case 404:
      return new KubeError('notFound', `${context}: ${resource} not found${upstream}`, status, s);
    case 409:
      return new KubeError('conflict', `${context}: conflict on ${resource}${upstream}`, status, s);
    case 410:
      return new KubeError('gone', `${context}: ${resource}: resource version too old (410 Gone)${upstream}`, status, s);
    case 422:
    case 400:
      return new KubeError('invalid', `${context}: the request to ${verb} ${resource} was rejected${upstream}`, status, s);
    default:
      return new KubeError('server', `${context}: ${verb} ${resource} failed with HTTP ${status}${upstream}`, status, s);
  }
}

/** Network-level failures (no HTTP answer at all). */
export function errorFromNetwork(err: NodeJS.ErrnoException, context: string, server: string | undefined): KubeError {
  const code = err.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code)) {
    return new KubeError('unreachable', `${context}: cannot reach the API server ${server ?? ''} (${code})`.replace('  ', ' '));
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || /certificate|self[- ]signed/i.test(err.message)) {
    return new KubeError('tls', `${context}: TLS handshake with ${server ?? 'the API server'} failed: ${err.message}`);
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new KubeError('timeout', `${context}: the API server ${server ?? ''} did not answer in time`);
  if (err.name === 'AbortError' || code === 'ABORT_ERR') return new KubeError('cancelled', `${context}: request cancelled`);
  return new KubeError('unreachable', `${context}: ${err.message}`);
}
