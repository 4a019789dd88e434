/**
 * The Lua scripts the Redis store runs. Each touches one key (Redis Cluster safe) and reads the time
 * from Redis itself (`TIME`), so replicas with skewed clocks still agree on one timeline. Redis runs
 * a script atomically: nothing else touches the key between its read and its write.
 */

/** `head` then `body`: a pure call, so a bundle without the Redis store drops every script. */
const after = (head: string, body: string): string => head + body;

/** Redis server time in ms, shared by every script. */
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * GCRA (the generic cell rate algorithm) reservation. KEYS[1]: hash {t: theoretical arrival time,
 * p: paused until}. ARGV: intervalMs (0 = no bucket, only pauses), burst, maxWaitMs. Reserves the
 * next free slot and returns the ms until it (0 = go now); when that is beyond maxWaitMs, reserves
 * nothing and returns minus the wait. One script per acquire, and a reserved slot is never lost to
 * another replica, so N replicas together take at most burst + W / interval slots in W ms.
 */
export const RATE_RESERVE = /* @__PURE__ */ after(
  NOW,
  `
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local paused = tonumber(redis.call('HGET', KEYS[1], 'p')) or 0
local start = math.max(now, paused)
if interval <= 0 then
  local wait = start - now
  if wait > maxWait then return -math.max(1, math.ceil(wait)) end
  return math.ceil(wait)
end
local tat = tonumber(redis.call('HGET', KEYS[1], 't')) or start
if tat < start then tat = start end
local wait = math.max(start, tat + interval - burst * interval) - now
if wait > maxWait then return -math.max(1, math.ceil(wait)) end
tat = tat + interval
redis.call('HSET', KEYS[1], 't', string.format('%.3f', tat))
redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(tat, paused) - now) + 1000)
return math.ceil(wait)
`,
);

/** A learned pause. KEYS[1]: the limiter hash. ARGV: pauseMs. Never shortens a longer pause. */
export const RATE_PAUSE = /* @__PURE__ */ after(
  NOW,
  `
local untilMs = now + tonumber(ARGV[1])
local paused = tonumber(redis.call('HGET', KEYS[1], 'p')) or 0
if untilMs > paused then
  redis.call('HSET', KEYS[1], 'p', string.format('%.0f', untilMs))
  paused = untilMs
end
local tat = tonumber(redis.call('HGET', KEYS[1], 't')) or 0
redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(tat, paused) - now) + 1000)
return 1
`,
);

/**
 * The breaker record (the same fields as runtime/resilience/circuit-breaker.ts keeps in memory) as
 * JSON under KEYS[1]. ARGV 1–7: failureThreshold, resetTimeoutMs, failureRateThreshold, windowMs,
 * minimumCalls, halfOpenMaxCalls, the generation a fresh record starts at.
 */
const BREAKER_COMMON = /* @__PURE__ */ after(
  NOW,
  `
local threshold = tonumber(ARGV[1])
local reset = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4])
local minCalls = tonumber(ARGV[5])
local maxProbes = tonumber(ARGV[6])
local fresh = tonumber(ARGV[7])
local ttl = math.ceil(math.max(windowMs, reset) * 2 + 60000)
local function load()
  local raw = redis.call('GET', KEYS[1])
  if raw then
    local ok, rec = pcall(cjson.decode, raw)
    if ok and type(rec) == 'table' and (rec.state == 'closed' or rec.state == 'open' or rec.state == 'half_open') then
      rec.generation = tonumber(rec.generation) or fresh
      rec.consecutiveFailures = tonumber(rec.consecutiveFailures) or 0
      rec.openUntil = tonumber(rec.openUntil) or 0
      rec.halfOpenAt = tonumber(rec.halfOpenAt) or 0
      rec.probes = tonumber(rec.probes) or 0
      rec.probeSuccesses = tonumber(rec.probeSuccesses) or 0
      if type(rec.buckets) ~= 'table' then rec.buckets = {} end
      return rec, false
    end
  end
  return { state = 'closed', generation = fresh, consecutiveFailures = 0, openUntil = 0, halfOpenAt = 0,
    probes = 0, probeSuccesses = 0, buckets = {} }, true
end
local function enter(rec, to)
  return { state = to, generation = rec.generation + 1, consecutiveFailures = 0,
    openUntil = (to == 'open') and (now + reset) or 0, halfOpenAt = (to == 'half_open') and now or 0,
    probes = 0, probeSuccesses = 0, buckets = {} }
end
local function save(rec)
  redis.call('SET', KEYS[1], cjson.encode(rec), 'PX', ttl)
end
`,
);

/** Admits a call: returns {admitted 0/1, generation, probe 0/1, retryAfterMs, change ('' or 'from>to')}. */
export const BREAKER_ACQUIRE = /* @__PURE__ */ after(
  BREAKER_COMMON,
  `
local rec, created = load()
if rec.state == 'closed' then
  if created then save(rec) end
  return { 1, rec.generation, 0, 0, '' }
end
if rec.state == 'open' then
  if now < rec.openUntil then return { 0, rec.generation, 0, math.ceil(rec.openUntil - now), '' } end
  local nxt = enter(rec, 'half_open')
  nxt.probes = 1
  save(nxt)
  return { 1, nxt.generation, 1, 0, 'open>half_open' }
end
if now - rec.halfOpenAt >= reset then
  local nxt = enter(rec, 'half_open')
  nxt.probes = 1
  save(nxt)
  return { 1, nxt.generation, 1, 0, '' }
end
if rec.probes < maxProbes then
  rec.probes = rec.probes + 1
  save(rec)
  return { 1, rec.generation, 1, 0, '' }
end
return { 0, rec.generation, 0, math.max(0, math.ceil(rec.halfOpenAt + reset - now)), '' }
`,
);

/** Records an outcome. ARGV 8–10: permit generation, probe (0/1), verdict. Returns the change ('' or 'from>to'). */
export const BREAKER_RECORD = /* @__PURE__ */ after(
  BREAKER_COMMON,
  `
local generation = tonumber(ARGV[8])
local probe = ARGV[9] == '1'
local verdict = ARGV[10]
local rec, created = load()
if created then return '' end
if rec.generation ~= generation or verdict == 'ignore' then
  if verdict == 'ignore' and probe and rec.generation == generation and rec.state == 'half_open' then
    rec.probes = math.max(0, rec.probes - 1)
    save(rec)
  end
  return ''
end
local failed = verdict == 'failure'
if rec.state == 'closed' then
  local bucketMs = windowMs / 10
  local start = math.floor(now / bucketMs) * bucketMs
  local kept = {}
  local current = { start, 0, 0 }
  for _, b in ipairs(rec.buckets) do
    if b[1] == start then current = b elseif b[1] > now - windowMs then kept[#kept + 1] = b end
  end
  kept[#kept + 1] = { start, current[2] + 1, current[3] + (failed and 1 or 0) }
  rec.buckets = kept
  if failed then rec.consecutiveFailures = rec.consecutiveFailures + 1 else rec.consecutiveFailures = 0 end
  if failed then
    local trip = rec.consecutiveFailures >= threshold
    if not trip then
      local calls, failures = 0, 0
      for _, b in ipairs(kept) do
        calls = calls + b[2]
        failures = failures + b[3]
      end
      trip = calls >= minCalls and failures / calls >= rate
    end
    if trip then
      save(enter(rec, 'open'))
      return 'closed>open'
    end
  end
  save(rec)
  return ''
end
if rec.state == 'half_open' then
  if failed then
    save(enter(rec, 'open'))
    return 'half_open>open'
  end
  local successes = rec.probeSuccesses + 1
  if successes >= maxProbes then
    save(enter(rec, 'closed'))
    return 'half_open>closed'
  end
  rec.probeSuccesses = successes
  save(rec)
end
return ''
`,
);

/** Retry budget spend. KEYS[1]: tokens (absent = full). ARGV: capacity, ttlMs. Returns 1 when taken. */
export const BUDGET_SPEND = `
local tokens = tonumber(redis.call('GET', KEYS[1])) or tonumber(ARGV[1])
if tokens < 1 then return 0 end
redis.call('SET', KEYS[1], string.format('%.9f', tokens - 1), 'PX', ARGV[2])
return 1
`;

/** Retry budget refill. ARGV: amount, capacity, ttlMs. An absent key is already full. */
export const BUDGET_REFILL = `
local current = tonumber(redis.call('GET', KEYS[1]))
if not current then return 1 end
local capacity = tonumber(ARGV[2])
local tokens = math.min(capacity, math.floor((current + tonumber(ARGV[1])) * 1e9 + 0.5) / 1e9)
redis.call('SET', KEYS[1], string.format('%.9f', tokens), 'PX', ARGV[3])
return 1
`;

/** Releases a lock only when the caller still owns it. ARGV: owner token. */
export const LOCK_RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
