// Calls to the accord server. Every call returns the parsed JSON (or text) of a
// successful answer, or throws an ApiError carrying the server's message and problems.

export class ApiError extends Error {
  constructor(status, message, problems = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.problems = problems;
  }
}

// Whole numbers too large for a JavaScript number (counts of rankings can have hundreds
// of digits) are kept as their exact digits, as strings.
function keepBigIntegers(key, value, context) {
  if (typeof value === "number" && !Number.isSafeInteger(value) && context && context.source
      && /^-?\d+$/.test(context.source)) {
    return context.source;
  }
  return value;
}

function parseJson(text) {
  return JSON.parse(text, keepBigIntegers);
}

async function errorFrom(response) {
  const text = await response.text();
  let body = null;
  try {
    body = parseJson(text);
  } catch {
    body = null;
  }
  const detail = body && body.error;
  if (detail && typeof detail.message === "string") {
    return new ApiError(response.status, detail.message, detail.problems || []);
  }
  const plain = text && text.length < 300 ? text : response.statusText;
  return new ApiError(response.status, `the server answered ${response.status}: ${plain}`);
}

export async function request(method, url, body = undefined, expect = "json") {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new ApiError(0, `the server cannot be reached (${cause.message})`);
  }
  if (!response.ok) {
    throw await errorFrom(response);
  }
  if (response.status === 204) {
    return null;
  }
  if (expect === "text") {
    return response.text();
  }
  return parseJson(await response.text());
}

const post = (url, body, expect) => request("POST", url, body, expect);
const get = (url) => request("GET", url);

// The model's text as every analysis takes it.
function model(source) {
  return { text: source.text, format: source.format };
}

export const api = {
  check: (source) => post("/api/check", model(source)),
  analyze: (source, concepts, where) =>
    post("/api/analyze", { ...model(source), concepts, where: where || null }),
  explain: (source, state, concept) =>
    post("/api/explain", { ...model(source), state, concept }),
  paths: (source, concepts) => post("/api/paths", { ...model(source), concepts }),
  // The server takes the concept as a one-item list of concepts.
  coalitions: (source, concept) => post("/api/coalitions", { ...model(source), concepts: [concept] }),
  // `vary`: the decision makers whose preferences may change (sent only when some are left out).
  inverse: (source, state, concept, vary) =>
    post("/api/inverse", { ...model(source), state, concept, ...(vary ? { vary } : {}) }),
  leverage: (source, state, concept, budget, vary) =>
    post("/api/leverage", { ...model(source), state, concept, budget, ...(vary ? { vary } : {}) }),
  graph: (source, concept, around) =>
    post("/api/graph", { ...model(source), concept, around: around ?? null }),
  report: (source, focus) =>
    post("/api/report", { ...model(source), focus: focus ?? null }, "text"),
  startRobustness: (source, samples, seed, concepts) =>
    post("/api/robustness", { ...model(source), samples, seed, concepts }),
  job: (id) => get(`/api/jobs/${encodeURIComponent(id)}`),
  cancelJob: (id) => request("DELETE", `/api/jobs/${encodeURIComponent(id)}`),

  models: () => get("/api/models"),
  model: (id) => get(`/api/models/${id}`),
  createModel: (fields) => post("/api/models", fields),
  revision: (id, number) => get(`/api/models/${id}/revisions/${number}`),
  saveRevision: (id, fields) => post(`/api/models/${id}/revisions`, fields),
  diff: (id, older, newer) =>
    get(`/api/models/${id}/diff?old=${encodeURIComponent(older)}&new=${encodeURIComponent(newer)}`),
  reportUrl: (id, number) => `/api/models/${id}/revisions/${number}/report`,
  exportUrl: (id, number, format) =>
    `/api/models/${id}/revisions/${number}/export?format=${encodeURIComponent(format)}`,
};
