// The officer's page: reads a submission, asks the API to check it, and shows each finding under
// the line of the submission it blames. Everything it shows comes from the same-origin API.
"use strict";

const WORDS = {
  zh: { violation: "违规", review: "人工审核", missing_information: "信息缺失", advice: "建议", waived: "已豁免", errors: "文件错误",
        clause: "条款", help: "如何符合", checking: "正在审查……", failed: "审查失败：", empty: "请先选择或粘贴申报内容", problems: "文件问题", line: "第 {n} 行" },
  "zh-Hant": { violation: "違規", review: "人工審核", missing_information: "資訊缺失", advice: "建議", waived: "已豁免", errors: "檔案錯誤",
        clause: "條款", help: "如何符合", checking: "正在審查……", failed: "審查失敗：", empty: "請先選擇或貼上申報內容", problems: "檔案問題", line: "第 {n} 行" },
  en: { violation: "violation", review: "review", missing_information: "missing information", advice: "advice", waived: "waived", errors: "document errors",
        clause: "clause", help: "how to comply", checking: "checking…", failed: "the check failed: ", empty: "choose or paste a submission first", problems: "problems", line: "line {n}" },
};
const OUTCOMES = ["violation", "review", "missing_information", "advice", "waived"];

const $ = (id) => document.getElementById(id);
let lastText = "";
let lastName = "submission.yaml";

function words() { return WORDS[$("lang").value] || WORDS.zh; }

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function query(format) {
  const params = new URLSearchParams({ lang: $("lang").value, name: lastName, include_passes: "false" });
  if ($("as-of").value) params.set("as_of", $("as-of").value);
  if (format) params.set("format", format);
  return params.toString();
}

async function check(event) {
  event.preventDefault();
  lastText = $("text").value;
  if (!lastText.trim()) { $("status").textContent = words().empty; return; }
  $("status").textContent = words().checking;
  const type = lastName.endsWith(".json") ? "application/json" : "application/yaml";
  try {
    const response = await fetch("/v1/check?" + query(), { method: "POST", headers: { "content-type": type }, body: lastText });
    const answer = await response.json();
    if (!response.ok) { $("status").textContent = words().failed + (answer.error ? answer.error.message : response.status); return; }
    show(answer);
    $("status").textContent = "";
    $("download").disabled = false;
  } catch (error) {
    $("status").textContent = words().failed + error;
  }
}

function show(report) {
  const w = words();
  const head = $("summary-head"), counts = $("summary-counts");
  head.replaceChildren(); counts.replaceChildren();
  for (const key of [...OUTCOMES, "errors"]) {
    head.append(element("th", "", w[key]));
    counts.append(element("td", "", String(report.summary[key] ?? 0)));
  }
  const filters = $("filters");
  filters.replaceChildren();
  for (const outcome of OUTCOMES) {
    const label = element("label");
    const box = element("input");
    box.type = "checkbox"; box.checked = true; box.dataset.outcome = outcome;
    box.addEventListener("change", () => {
      for (const card of document.querySelectorAll(".finding." + outcome)) card.hidden = !box.checked;
    });
    label.append(box, " " + w[outcome]);
    filters.append(label);
  }
  const byLine = new Map();
  const problems = $("problems");
  problems.replaceChildren();
  for (const file of report.files) {
    for (const problem of file.problems) problems.append(problemCard(problem));
    for (const document of file.documents) {
      for (const problem of document.problems) problems.append(problemCard(problem));
      for (const finding of document.findings) {
        const line = finding.line || 1;
        if (!byLine.has(line)) byLine.set(line, []);
        byLine.get(line).push(finding);
      }
    }
  }
  const lines = $("lines");
  lines.replaceChildren();
  lastText.split("\n").forEach((text, i) => {
    const item = element("li");
    item.append(element("span", "code", text || " "));
    for (const finding of byLine.get(i + 1) || []) {
      item.classList.add("blamed");
      item.append(findingCard(finding));
    }
    lines.append(item);
  });
  $("result").hidden = false;
}

function problemCard(problem) {
  const card = element("div", "problem");
  const where = problem.line ? " (" + words().line.replace("{n}", problem.line) + ")" : "";
  card.append(element("code", "", problem.code), " " + problem.message + where);
  return card;
}

function findingCard(finding) {
  const w = words();
  const card = element("div", "finding " + finding.outcome);
  card.append(element("span", "outcome", w[finding.outcome] || finding.outcome));
  const rule = element("button", "rule", finding.rule);
  rule.type = "button";
  rule.addEventListener("click", () => explain(finding.rule));
  card.append(rule, element("div", "message", finding.message));
  card.append(element("div", "quote", w.clause + " " + finding.clause + "：「" + finding.quote + "」"));
  if (finding.help) card.append(element("div", "help", w.help + "：" + finding.help));
  return card;
}

async function explain(id) {
  const response = await fetch("/v1/rules/" + encodeURIComponent(id) + "?lang=" + encodeURIComponent($("lang").value));
  const rule = await response.json();
  $("explain-text").textContent = rule.explanation || (rule.error && rule.error.message) || "";
  $("explain").showModal();
}

async function download() {
  const type = lastName.endsWith(".json") ? "application/json" : "application/yaml";
  const response = await fetch("/v1/check?" + query("html"), { method: "POST", headers: { "content-type": type }, body: lastText });
  const blob = await response.blob();
  const link = element("a");
  link.href = URL.createObjectURL(blob);
  link.download = lastName.replace(/\.[^.]+$/, "") + "-审查报告.html";
  link.click();
  URL.revokeObjectURL(link.href);
}

function read(file) {
  lastName = file.name;
  file.text().then((text) => { $("text").value = text; });
}

async function start() {
  $("form").addEventListener("submit", check);
  $("download").addEventListener("click", download);
  $("file").addEventListener("change", () => { if ($("file").files[0]) read($("file").files[0]); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files[0]) read(e.dataTransfer.files[0]); });
  $("text").addEventListener("input", () => { if (!$("file").files[0]) lastName = "submission.yaml"; });
  try {
    const plan = await (await fetch("/v1/plan")).json();
    $("plan").textContent = plan.chain.map((p) => "《" + p.title + "》" + (p.number ? "（" + p.number + "）" : "")).join("、");
  } catch (error) { /* the page works without the plan's name */ }
}

document.addEventListener("DOMContentLoaded", start);
