// bench/report-bench.mjs: the large call's page (bench/report-bench.sh) in
// headless chromium, 3 times: the time until it is drawn (the script runs
// while the page loads, so DOMContentLoaded marks the end of the drawing),
// the marks drawn for the 20,000 events, a redraw (a category filter
// toggled) and a tooltip. Figures printed (medians).
import { openReport } from '../tests/report/render.mjs';

const file = process.argv[2];
const runs = [];
for (let i = 0; i < 3; i++) {
  const r = await openReport(file);
  try {
    const f = await r.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const marks = document.querySelectorAll('.mark[data-kind="event"]');
      let events = 0;
      marks.forEach((m) => { events += Number(m.dataset.count); });
      const m = document.querySelector('.mark.cluster');
      let t = performance.now();
      m.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      const tip = performance.now() - t;
      // A redraw, with the layout it causes.
      const cb = document.querySelector('input[data-category="media"]');
      t = performance.now();
      cb.click();
      void document.body.offsetHeight;
      const off = performance.now() - t;
      t = performance.now();
      cb.click();
      void document.body.offsetHeight;
      const on = performance.now() - t;
      return { drawn: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, marks: marks.length, events, redraw: (off + on) / 2, tip };
    });
    f.wall = r.loadMs;
    f.errors = r.consoleErrors.length + r.requests.length;
    runs.push(f);
  } finally {
    await r.close();
  }
}
const med = (k) => runs.map((x) => x[k]).sort((a, b) => a - b)[1];
console.log(`report bench: chromium draws it in ${med('drawn').toFixed(0)} ms (DOMContentLoaded, median of 3; ` +
  `${med('wall')} ms from navigation to drawn, as seen by the driver)`);
console.log(`report bench: ${runs[0].marks} marks stand for ${runs[0].events} events; ` +
  `a redraw (category filter) takes ${med('redraw').toFixed(0)} ms, a tooltip ${med('tip').toFixed(1)} ms`);
if (runs.some((x) => x.errors)) { console.log('report bench: console errors or requests seen'); process.exitCode = 1; }
