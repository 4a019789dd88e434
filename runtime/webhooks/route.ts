/**
 * Which declared event a verified delivery is. The generated code says what the spec says (a header
 * value such as `X-GitHub-Event: issues`, a body field such as `action: "opened"`); options add a
 * selector for specs that say nothing.
 */

/** One event a spec declares, as the generated code describes it to the runtime. */
export interface WebhookEventDescriptor {
  /** Key of the handler under `on` (camelCase). */
  key: string;
  /** The name in the spec (webhook name, or callback name). */
  name: string;
  /** HTTP method the provider sends it with. */
  method: string;
  /** Header values the delivery carries (names case-insensitive), from the spec. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Body fields (dotted paths) with the value the spec fixes for this event. */
  fields?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/** How to tell events apart when the spec does not say: a header, a body field, or a function returning the event's name or key. */
export type WebhookEventSelector =
  | { header: string }
  | { field: string }
  | ((delivery: { headers: Headers; payload: unknown; url: string }) => string | undefined);

export interface RouteInput {
  method: string;
  headers: Headers;
  payload: unknown;
  url: string;
}

/**
 * The event of a delivery, or undefined. An explicit selector wins; else the most specific event
 * whose spec-declared headers and fields all match; else the only event that declares nothing;
 * else the body's `type` field (the Standard Webhooks convention) naming an event.
 */
export function routeEvent(
  events: readonly WebhookEventDescriptor[],
  input: RouteInput,
  selector: WebhookEventSelector | undefined,
): WebhookEventDescriptor | undefined {
  const candidates = events.filter((event) => event.method.toUpperCase() === input.method.toUpperCase());
  if (selector !== undefined) return byName(candidates, select(selector, input));
  let best: WebhookEventDescriptor | undefined;
  let bestScore = 0;
  for (const event of candidates) {
    const score = matchScore(event, input);
    if (score > bestScore) {
      best = event;
      bestScore = score;
    }
  }
  if (best !== undefined) return best;
  const undeclared = candidates.filter((event) => specificity(event) === 0);
  if (undeclared.length === 1 && candidates.length === 1) return undeclared[0];
  return byName(undeclared, select({ field: 'type' }, input));
}

function select(selector: WebhookEventSelector, input: RouteInput): string | undefined {
  if (typeof selector === 'function') return selector({ headers: input.headers, payload: input.payload, url: input.url });
  if ('header' in selector) return input.headers.get(selector.header) ?? undefined;
  const value = readField(input.payload, selector.field);
  return typeof value === 'string' ? value : undefined;
}

function byName(events: readonly WebhookEventDescriptor[], name: string | undefined): WebhookEventDescriptor | undefined {
  if (name === undefined) return undefined;
  return events.find((event) => event.name === name) ?? events.find((event) => event.key === name);
}

function specificity(event: WebhookEventDescriptor): number {
  return Object.keys(event.headers ?? {}).length + Object.keys(event.fields ?? {}).length;
}

/** How many declared conditions hold; 0 when any fails or none is declared. */
function matchScore(event: WebhookEventDescriptor, input: RouteInput): number {
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (input.headers.get(name) !== value) return 0;
  }
  for (const [path, value] of Object.entries(event.fields ?? {})) {
    if (readField(input.payload, path) !== value) return 0;
  }
  return specificity(event);
}

/** `a.b` in a parsed body, own properties only (never `__proto__` or inherited keys). */
function readField(payload: unknown, path: string): unknown {
  let current = payload;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
