// Mozilla Readability + jsdom on every page of a list, in one Node process.
// Prints pages/s, CPU ms per page and the process's peak RSS.
const fs = require("fs");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const pages = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean);
const vc = new VirtualConsole(); // silence page scripts' console and CSS errors
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
let failed = 0;
for (const p of pages) {
  try {
    const html = fs.readFileSync(p);
    const dom = new JSDOM(html, { url: "https://example.org/", virtualConsole: vc });
    new Readability(dom.window.document).parse();
    dom.window.close();
  } catch (e) {
    failed++;
  }
}
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
const rss = process.resourceUsage().maxRSS / 1024;
const n = pages.length;
console.log(`readability: ${n} pages in ${wall.toFixed(2)} s = ${(n / wall).toFixed(2)} pages/s; ` +
  `CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(1)} ms/page; peak RSS ${rss.toFixed(1)} MB` +
  (failed ? `; ${failed} pages threw` : ""));
if (process.argv[3])
  fs.writeFileSync(process.argv[3], JSON.stringify({ pages_s: n / wall, cpu_ms: (cpu.user + cpu.system) / 1000 / n, rss_mb: rss }));
