// stance review: the page. Every piece of data is put on the page with textContent
// (never innerHTML), so a comment's text shows as text whatever it holds.
"use strict";

const token = new URLSearchParams(window.location.search).get("token") || "";
const DECISIONS = [
  { action: "approve", key: "a", label: "approve" },
  { action: "reject", key: "r", label: "reject" },
  { action: "skip", key: "s", label: "skip" },
];
const ORDERS = ["review", "uncertainty", "file"];

let state = null; // the server's last answer
let chosen = { stance: "", tone: "" }; // the labels set for the current comment
let shownId = null; // the comment those labels belong to
let chain = Promise.resolve(); // keys run one after another, each after the last answer
const keyMap = new Map(); // key -> function

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function byId(id) {
  return document.getElementById(id);
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function order() {
  return byId("order").value;
}

function say(message, isError) {
  const status = byId("status");
  status.textContent = message || "";
  status.className = isError ? "error" : "";
}

async function call(method, path, body) {
  const url = `api/${path}?token=${encodeURIComponent(token)}&order=${encodeURIComponent(order())}`;
  const options = { method, headers: { "X-Stance-Token": token }, cache: "no-store" };
  if (method === "POST") {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify({ ...(body || {}), order: order() });
  }
  const response = await fetch(url, options);
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = { error: `the server answered ${response.status}` };
  }
  if (!response.ok) throw new Error(data.error || `the server answered ${response.status}`);
  return data;
}

// Keys typed ahead while a request is on its way run after its answer, in order.
function enqueue(fn) {
  chain = chain.then(fn).catch((e) => say(e.message, true));
  return chain;
}

async function run(method, path, body) {
  try {
    const data = await call(method, path, body);
    if (data.undone) {
      chosen = { stance: data.undone.stance, tone: data.undone.tone };
      shownId = data.undone.id;
      say(`undone: ${data.undone.action} of ${data.undone.id}`);
    } else if (body && body.action) {
      say(`${body.action}: ${body.id}`);
    }
    render(data);
  } catch (e) {
    say(e.message, true);
  }
}

function decide(action) {
  if (!state || !state.current) return undefined;
  return run("POST", "decide", {
    id: state.current.id,
    action,
    stance: chosen.stance,
    tone: chosen.tone,
  });
}

function choose(head, label) {
  if (!state || !state.current) return;
  chosen[head] = chosen[head] === label ? "" : label;
  renderChoices();
}

function keycap(key) {
  return el("kbd", null, key);
}

function button(key, text, onClick, className) {
  const b = el("button", className);
  b.type = "button";
  b.appendChild(keycap(key));
  b.appendChild(document.createTextNode(` ${text}`));
  b.addEventListener("click", () => enqueue(onClick));
  keyMap.set(key, onClick);
  return b;
}

// The label and decision buttons, once the labels are known: stance labels on 1, 2, 3...,
// tone labels on the next digits.
function buildKeys(labels) {
  let n = 0;
  for (const head of ["stance", "tone"]) {
    const box = byId(`${head}-keys`);
    clear(box);
    for (const label of labels[head]) {
      n += 1;
      const key = n <= 9 ? String(n) : "";
      const b = button(key, label, () => choose(head, label), "label");
      b.dataset.head = head;
      b.dataset.label = label;
      box.appendChild(b);
    }
  }
  const box = byId("decide-keys");
  clear(box);
  for (const d of DECISIONS) {
    box.appendChild(button(d.key, d.label, () => decide(d.action), `decision ${d.action}`));
  }
  const undo = button("z", "undo", () => run("POST", "undo"), "decision undo");
  undo.id = "undo";
  box.appendChild(undo);
  keyMap.set("u", () => run("POST", "undo"));
  keyMap.set("Backspace", () => run("POST", "undo"));
  keyMap.set("o", () => {
    const select = byId("order");
    select.value = ORDERS[(ORDERS.indexOf(select.value) + 1) % ORDERS.length];
    return orderChanged();
  });
  const help = byId("help");
  clear(help);
  help.appendChild(
    document.createTextNode(
      `keys: 1-${n} set the stance and tone (again: unset) · a approve · r reject · ` +
        "s skip · z undo · o order",
    ),
  );
}

function renderChoices() {
  for (const b of document.querySelectorAll("button.label")) {
    const on = chosen[b.dataset.head] === b.dataset.label;
    b.classList.toggle("on", on);
    b.setAttribute("aria-pressed", on ? "true" : "false");
  }
}

function renderHeader(data) {
  byId("source").textContent = data.source;
  const bar = byId("bar");
  bar.max = Math.max(data.total, 1);
  bar.value = data.done;
  byId("count").textContent = `${data.done} / ${data.total} decided`;
  const totals = byId("totals");
  clear(totals);
  const names = ["approve", "reject", "skip", "open"];
  if (data.counts.before) names.push("before");
  for (const name of names) {
    const li = el("li", name);
    li.appendChild(el("span", "n", data.counts[name]));
    li.appendChild(document.createTextNode(` ${name === "before" ? "labelled before" : name}`));
    totals.appendChild(li);
  }
  byId("undo").disabled = !data.can_undo;
}

function renderSuggestion(head, s) {
  const box = el("div", "suggestion");
  box.appendChild(el("span", "name", head));
  const p = s.p === null || s.p === undefined ? "" : ` ${s.p.toFixed(2)}`;
  box.appendChild(el("strong", null, `${s.label}${p}`));
  const probs = Object.entries(s.probs || {});
  if (probs.length) {
    const list = el("span", "probs");
    for (const [label, value] of probs) {
      const item = el("span", label === s.label ? "prob top" : "prob");
      const meter = el("meter");
      meter.min = 0;
      meter.max = 1;
      meter.value = value;
      item.appendChild(el("span", null, label));
      item.appendChild(meter);
      item.appendChild(el("span", "v", value.toFixed(2)));
      list.appendChild(item);
    }
    box.appendChild(list);
  }
  return box;
}

function renderItem(item) {
  const action = byId("action");
  action.textContent = item.action ? `model: ${item.action}` : "suggested";
  action.className = `badge ${item.action || "none"}`;
  const context = byId("context");
  clear(context);
  const fields = [["id", item.id], ["row", item.row]];
  if (item.target) fields.push(["target", item.target]);
  for (const [k, v] of Object.entries(item.context)) fields.push([k, v]);
  for (const [k, v] of fields) {
    context.appendChild(el("dt", null, k));
    context.appendChild(el("dd", null, v));
  }
  const text = byId("text");
  clear(text);
  for (const seg of item.segments) {
    if (seg.span) {
      const mark = el("mark", null, seg.text);
      mark.title = "a word that pushes the tone away from civil";
      text.appendChild(mark);
    } else {
      text.appendChild(document.createTextNode(seg.text));
    }
  }
  const suggested = byId("suggested");
  clear(suggested);
  for (const head of ["stance", "tone"]) {
    if (item.suggested[head]) suggested.appendChild(renderSuggestion(head, item.suggested[head]));
  }
  byId("reasons").textContent = item.reasons || "–";
  byId("why").textContent = item.why;
  byId("why-line").hidden = !item.why;
}

function render(data) {
  state = data;
  renderHeader(data);
  const item = data.current;
  byId("card").hidden = !item;
  byId("finished").hidden = Boolean(item);
  if (!item) {
    shownId = null;
    byId("finished-text").textContent =
      `All ${data.total} comments are decided: ${data.counts.approve} approved, ` +
      `${data.counts.reject} rejected. Close this tab and stop stance review with Ctrl-C.`;
    return;
  }
  if (item.id !== shownId) {
    // a comment skipped earlier comes back with the labels it had then
    chosen = { stance: item.chosen.stance, tone: item.chosen.tone };
    shownId = item.id;
  }
  renderItem(item);
  renderChoices();
}

function orderChanged() {
  window.localStorage.setItem("stance-review-order", order());
  byId("order").blur();
  return run("GET", "state");
}

function onKey(event) {
  if (event.altKey || event.metaKey || event.repeat) return; // a held key acts once
  if (event.ctrlKey && event.key !== "z") return;
  const target = event.target;
  if (target && (target.tagName === "SELECT" || target.tagName === "INPUT")) return;
  const action = keyMap.get(event.ctrlKey ? "z" : event.key);
  if (!action) return;
  event.preventDefault();
  enqueue(action);
}

async function start() {
  const saved = window.localStorage.getItem("stance-review-order");
  if (ORDERS.includes(saved)) byId("order").value = saved;
  byId("order").addEventListener("change", () => enqueue(orderChanged));
  document.addEventListener("keydown", onKey);
  try {
    const data = await call("GET", "state");
    buildKeys(data.labels);
    render(data);
    document.body.dataset.ready = "true";
  } catch (e) {
    say(e.message, true);
  }
}

document.addEventListener("DOMContentLoaded", start);
