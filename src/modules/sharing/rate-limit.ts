// Requests per minute per client: an in-process token bucket (one node; several nodes behind a load
// balancer would each allow the rate — see ARCHITECTURE.md "Data sharing"). Time is the request's clock.
interface Bucket {
  tokens: number;
  at: number;
  perMinute: number;
}

const buckets = new Map<string, Bucket>();

/** Takes one request from the client's bucket: 0 when allowed, else the seconds to wait. */
export function takeRequest(clientId: string, perMinute: number, now: Date): number {
  const t = now.getTime();
  let b = buckets.get(clientId);
  if (!b || b.perMinute !== perMinute) {
    b = { tokens: perMinute, at: t, perMinute };
    buckets.set(clientId, b);
  } else {
    const elapsed = Math.max(0, t - b.at);
    b.tokens = Math.min(perMinute, b.tokens + (elapsed / 60_000) * perMinute);
    b.at = Math.max(b.at, t);
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil(((1 - b.tokens) * 60) / perMinute));
}
