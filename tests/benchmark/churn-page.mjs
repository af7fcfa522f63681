// The churn page for the overhead measurement: an OpenAI-like keys page with
// 10,000 extra nodes, 1,000 of which change every second, served from the
// page's own origin (so the strict CSP allows its script).
export const CHURN_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API keys</title>
<script src="/bench/churn.js" defer></script></head>
<body><main><h1>API keys</h1><button type="button" id="create">+ Create new secret key</button>
<div id="grid"></div></main></body></html>`;

// 1,000 rows of 10 cells = 10,000 nodes; every 100 ms, 100 cells get new
// text (1,000 changes a second). window.churn(ms) runs it and resolves.
export const CHURN_JS = `
const grid = document.getElementById('grid');
const cells = [];
for (let r = 0; r < 1000; r += 1) {
  const row = document.createElement('div');
  for (let c = 0; c < 10; c += 1) {
    const cell = document.createElement('span');
    cell.textContent = r + ':' + c;
    row.append(cell);
    cells.push(cell);
  }
  grid.append(row);
}
let tick = 0;
window.churn = (ms) => new Promise((resolve) => {
  const timer = setInterval(() => {
    for (let i = 0; i < 100; i += 1) cells[(tick * 100 + i) % cells.length].textContent = 'v' + tick + ':' + i;
    tick += 1;
  }, 100);
  setTimeout(() => { clearInterval(timer); resolve(); }, ms);
});
`;
