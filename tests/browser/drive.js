// The officer's page in a real browser: headless Chromium, driven over the DevTools protocol,
// loads the page from a running `planlint serve`, pastes a submission, submits it, waits for the
// findings to appear beside their lines, checks how many there are, and writes a screenshot.
// Usage: node --experimental-websocket drive.js URL SUBMISSION SCREENSHOT EXPECTED_FINDINGS EXPECTED_VIOLATIONS
const { spawn } = require("child_process");
const fs = require("fs");
const [,, url, example, out, expectedFindings, expectedViolations] = process.argv;
const port = 9333 + (process.pid % 500);
const profile = fs.mkdtempSync(require("os").tmpdir() + "/planlint-chromium-");
const chrome = spawn(process.env.CHROMIUM || "chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=" + port, "--user-data-dir=" + profile, "--window-size=1100,1800", "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  let target;
  for (let i = 0; i < 50 && !target; i++) {
    await sleep(200);
    try { target = (await (await fetch("http://127.0.0.1:" + port + "/json")).json()).find((t) => t.type === "page"); } catch (e) {}
  }
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r) => ws.addEventListener("open", r));
  let id = 0; const pending = new Map();
  ws.addEventListener("message", (m) => { const d = JSON.parse(m.data); if (d.id && pending.has(d.id)) { pending.get(d.id)(d); pending.delete(d.id); } });
  const send = (method, params = {}) => new Promise((r) => { id += 1; pending.set(id, r); ws.send(JSON.stringify({ id, method, params })); });
  const evaluate = async (expression) => (await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true })).result.result.value;
  await send("Page.enable");
  await send("Page.navigate", { url });
  for (let i = 0; i < 50 && !(await evaluate("document.readyState === 'complete' && !!document.getElementById('plan').textContent")); i++) await sleep(200);
  const text = fs.readFileSync(example, "utf8");
  await evaluate(`document.getElementById('text').value = ${JSON.stringify(text)}; document.getElementById('check').click(); true`);
  let count = 0;
  for (let i = 0; i < 100 && count === 0; i++) { await sleep(200); count = await evaluate("document.querySelectorAll('.finding').length"); }
  const violations = await evaluate("document.querySelectorAll('.finding.violation').length");
  // Each finding sits in the list item of the line it blames.
  const placed = await evaluate("[...document.querySelectorAll('.finding')].every((f) => f.parentElement.classList.contains('blamed'))");
  console.log(JSON.stringify({ findings: count, violations, placed }));
  const shot = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
  fs.writeFileSync(out, Buffer.from(shot.result.data, "base64"));
  ws.close(); chrome.kill();
  const ok = count === Number(expectedFindings) && violations === Number(expectedViolations) && placed;
  if (!ok) console.error(`expected ${expectedFindings} findings and ${expectedViolations} violations beside their lines`);
  process.exit(ok ? 0 : 1);
})().catch((e) => { console.error(e); chrome.kill(); process.exit(2); });
