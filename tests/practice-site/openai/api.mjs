// Replica of the few api.openai.com endpoints the live key check calls.
// What it answers depends on the key: a valid-shaped practice key whose
// first half starts with `scenario-<name>-` gets that scenario's reply;
// any other key works. Bodies, statuses and headers follow what the real
// API sends (see the reply table in src/live_check/replies.rs).
import { send } from '../respond.mjs';

const JSON_TYPE = 'application/json';
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o3-mini', 'dall-e-3', 'gpt-image-1', 'text-embedding-3-small', 'whisper-1'];
const BILLING_INACTIVE = 'Your account is not active, please check your billing details on our website.';
const MISSING = 'You have insufficient permissions for this operation. Missing scopes: %s. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you\'re using a restricted API key, that it has the necessary scopes.';

/** Requests the replica saw, for tests that check what was (not) sent. */
export const apiLog = [];

function error(status, message, type, code) {
  return { status, body: { error: { message, type, param: null, code } } };
}

const SCENARIOS = {
  revoked: () => error(401, 'Incorrect API key provided: sk-proj-********abcd. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key'),
  'no-read': (path) => (path === '/v1/models' ? error(403, MISSING.replace('%s', 'api.model.read'), 'invalid_request_error', null) : null),
  'no-request': (path) => (path !== '/v1/models' ? error(401, MISSING.replace('%s', 'model.request'), 'invalid_request_error', null) : null),
  'no-quota': (path) => (path === '/v1/chat/completions' ? error(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota') : null),
  'rate-limit': () => ({ ...error(429, 'Rate limit reached for requests. Please try again in 20s.', 'requests', 'rate_limit_exceeded'), headers: { 'retry-after': '20', 'x-ratelimit-remaining-requests': '0' } }),
  'server-error': () => error(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null),
  slow: () => ({ delayMs: 12_000, status: 200, body: { object: 'list', data: [] } }),
  malformed: () => ({ status: 200, raw: '<html><body>Gateway</body></html' }),
  'new-code': () => error(401, 'This key cannot be used for a reason this replica made up.', 'invalid_request_error', 'brand_new_refusal'),
  // Replies of the real API seen in 2026 (/work/shared/reference/openai-platform.md).
  'billing-inactive': () => error(429, BILLING_INACTIVE, 'invalid_request_error', 'billing_not_active'),
  'billing-inactive-type': () => error(429, BILLING_INACTIVE, 'billing_not_active', null),
  region: () => error(403, 'Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory'),
  'no-organization': () => error(401, 'You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.', 'invalid_request_error', 'no_organization'),
  'mismatched-organization': () => error(401, 'OpenAI-Organization header should match organization for API key', 'invalid_request_error', 'mismatched_organization'),
  // The model list in an order where completions-only and old ids come first.
  'instruct-first': (path) => (path === '/v1/models' ? modelList(['gpt-3.5-turbo-instruct', 'babbage-002', 'davinci-002', 'gpt-3.5-turbo-16k', ...MODELS]) : null),
};

function scenarioOf(req) {
  const auth = String(req.headers.authorization || '');
  const match = /^Bearer sk-[a-z]+-scenario-([a-z-]+?)-x/.exec(auth);
  return match ? match[1] : null;
}

function modelList(ids) {
  return { status: 200, body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'system' })) } };
}

function success(path) {
  if (path === '/v1/models') return modelList(MODELS);
  if (path === '/v1/moderations') {
    return { status: 200, body: { id: 'modr-practice', model: 'omni-moderation-latest', results: [{ flagged: false }] } };
  }
  return { status: 200, body: { id: 'chatcmpl-practice', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'length' }] } };
}

const ROUTES = { '/v1/models': 'GET', '/v1/moderations': 'POST', '/v1/chat/completions': 'POST' };

export async function apiSite(req, res, url) {
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  };
  if (req.method === 'OPTIONS') return send(res, 204, '', { headers: cors });
  for await (const _ of req) { /* drain the body; the replica does not read it */ }
  const scenario = scenarioOf(req);
  apiLog.push({ method: req.method, path: url.pathname, search: url.search, scenario, authorization: Boolean(req.headers.authorization) });
  let answer;
  if (ROUTES[url.pathname] !== req.method) {
    answer = error(404, `Invalid URL (${req.method} ${url.pathname})`, 'invalid_request_error', null);
  } else if (!req.headers.authorization) {
    answer = error(401, 'You didn\'t provide an API key.', 'invalid_request_error', null);
  } else {
    answer = (scenario && SCENARIOS[scenario] && SCENARIOS[scenario](url.pathname)) || success(url.pathname);
  }
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  if (res.destroyed) return undefined;
  // The headers the real API sends with every answer (rate-limit counters,
  // processing time, request id, API version, the key's organization).
  const headers = {
    ...cors,
    'openai-organization': 'org-practice',
    'openai-processing-ms': '12',
    'openai-version': '2020-10-01',
    'x-request-id': `req_practice${apiLog.length}`,
    'x-ratelimit-limit-requests': '5000',
    'x-ratelimit-remaining-requests': '4999',
    'x-ratelimit-reset-requests': '12ms',
    'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
    ...(answer.headers || {}),
  };
  const body = answer.raw ?? JSON.stringify(answer.body);
  return send(res, answer.status, body, { type: answer.raw ? 'text/html; charset=utf-8' : JSON_TYPE, headers });
}

/** A valid-shaped practice key that makes the replica answer with `scenario`. */
export function scenarioKey(scenario) {
  const half = `scenario-${scenario}-`.padEnd(74, 'x');
  return `sk-proj-${half}T3BlbkFJ${'y'.repeat(74)}`;
}
