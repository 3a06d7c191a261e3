// tests/report/browser.mjs: the pages "trtc report" wrote, as headless
// chromium draws them (tests/report_browser.sh prepares DIR and runs it;
// TAP on stdout). Assertions are on the rendered page (DOM, geometry,
// tooltips, pixels), with the expected figures taken from the databases
// by the sqlite3 shell:
//
//   node browser.mjs DIR REFERENCE.png
//
// DIR holds sample.html + sample.json (per-user counts) with the outputs
// of sql/examples/02-room-entry.sql and 03-first-frame.sql,
// hostile.html + hostile.json, large.html + large.json, ux.html + ux.err
// (tests/report/make-ux.sh) and blank.html.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReport } from './render.mjs';

const [dir, reference] = process.argv.slice(2);
let n = 0;
let failed = 0;
function ok(cond, what, diag) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond && diag !== undefined) {
    for (const l of (typeof diag === 'string' ? diag : JSON.stringify(diag, null, 1)).split('\n')) console.log('#   ' + l);
  }
}
function is(got, want, what) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  ok(g === w, what, `got:  ${g}\nwant: ${w}`);
}
const expect = (name) => JSON.parse(readFileSync(join(dir, name + '.json'), 'utf8'));

// What the marks of each lane stand for: { user: { own, remote, errors: [ids] } }.
async function laneMarks(page, section = 0) {
  return page.evaluate((sec) => {
    const out = {};
    const svg = document.querySelectorAll('section.call')[sec].querySelector('.timeline svg');
    for (const lane of svg.querySelectorAll('g.lane')) {
      const r = { own: 0, remote: 0, errors: [], experiences: 0, marks: 0 };
      for (const m of lane.querySelectorAll('.mark[data-kind="event"]')) {
        r.marks++;
        r[m.classList.contains('remote') ? 'remote' : 'own'] += Number(m.dataset.count);
        if (m.dataset.errors) r.errors.push(...m.dataset.errors.split(' ').map(Number));
      }
      for (const m of lane.querySelectorAll('.mark[data-kind="experience"]')) r.experiences += Number(m.dataset.count);
      out[lane.dataset.user] = r;
    }
    return out;
  }, section);
}
const tipText = (page) => page.evaluate(() => {
  const t = document.getElementById('tip');
  return t.hidden ? null : t.innerText;
});

// Parse sqlite3's ".mode table" output into rows of cells.
function tableRows(text) {
  return text.split('\n').filter((l) => l.startsWith('|')).slice(1)
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

async function sample() {
  const want = expect('sample');
  const r = await openReport(join(dir, 'sample.html'));
  const { page } = r;
  try {
    const lanes = await page.$$eval('section.call .timeline g.lane', (ls) => ls.map((l) => l.dataset.user));
    is(lanes, want.users, 'sample: one lane per user, in order of their first event');
    const marks = await laneMarks(page);
    const own = {}, remote = {}, all = {};
    let total = 0;
    for (const u of want.users) {
      own[u] = marks[u].own; remote[u] = marks[u].remote; all[u] = marks[u].own + marks[u].remote;
      total += all[u];
    }
    is(all, want.events, 'sample: the marks of each lane stand for as many events as the database has for that user');
    is(total, want.total, `sample: the marks stand for all ${want.total} events of the call`);
    is(remote, want.remote, 'sample: events about remote streams (PeerId other than the user) are the hollow marks');
    const hollow = await page.$$eval('.mark.remote > :first-child', (cs) => cs.map((c) => getComputedStyle(c).fill));
    ok(hollow.length > 0 && hollow.every((f) => f === 'rgb(255, 255, 255)'), 'sample: remote-stream marks are drawn hollow', hollow);
    ok(marks.carol.errors.includes(5003), "sample: an error mark stands for carol's failed entry (5003)", marks.carol);
    ok(marks.dave.errors.includes(2002), "sample: an error mark stands for dave's camera permission (2002)", marks.dave);
    is(Object.values(marks).reduce((a, m) => a + m.experiences, 0), want.experiences, 'sample: one triangle per abnormal experience');

    // The summary's room-entry figures are those of sql/examples/02-room-entry.sql.
    // (the durations as shown, e.g. "5.02 s"; exact in data-entry-ms and data-since-first-ms)
    const shown = await page.$$eval('section.call tr[data-user] td.entry li', (lis) => lis.map((li) => {
      const m = li.innerText.match(/^#(\d+) (\S+) (.*?) (\d+(?:\.\d+)? m?s)(?: \((\d+(?:\.\d+)? m?s) since the first attempt\))?$/);
      const user = li.closest('tr').dataset.user;
      return m ? [user, m[1], m[2], m[3], li.dataset.entryMs, li.dataset.sinceFirstMs] : [user, li.innerText];
    }));
    const carol = await page.$$eval('tr[data-user="carol"] td.entry li', (lis) => lis.map((li) => li.innerText));
    is(carol, ['#1 09:30:40.050 Failed to enter room 5.02 s', '#2 09:30:48.500 Entered room successfully 810 ms (9.26 s since the first attempt)'],
      "sample: carol's attempts read as durations (5.02 s, 810 ms, 9.26 s), not raw milliseconds");
    const roomEntry = readFileSync(join(dir, '02-room-entry.out'), 'utf8');
    // call | user | attempt | started (date, time, zone) | ended | outcome | entry_ms | since_first_ms
    const rows = tableRows(roomEntry).map((c) => [c[1], c[2], c[3].slice(11, 23), c[5], c[6], c[7]]);
    ok(rows.length === 6, 'sample: sql/examples/02-room-entry.sql gives 6 attempts', roomEntry);
    is(shown.sort(), rows.sort(), 'sample: the room-entry attempts, times and outcomes are those of sql/examples/02-room-entry.sql');
    const ttff = await page.$$eval('section.call tr[data-user] td.first-frame li', (lis) => lis.map((li) =>
      [li.closest('tr').dataset.user, li.innerText.match(/^(\S+) \((\w+)\) (?:\d+(?:\.\d+)? m?s|\d+ min \d+ s) at (\S+)$/)
        ?.slice(1).concat(li.dataset.ttffMs).join(' ')]));
    is(ttff.map((x) => x.join(' ')).sort(), tableRows(readFileSync(join(dir, '03-first-frame.out'), 'utf8'))
      // call | viewer | remote | stream | first_frame (date, time, zone) | ttff_ms | from
      .map((c) => [c[1], c[2], c[3], c[4].slice(11, 23), c[5]].join(' ')).sort(),
      'sample: the times to first frame are those of sql/examples/03-first-frame.sql');

    // Hover and keyboard focus show the event's time, id, parameters and text.
    const carolErr = await page.$('g.lane[data-user="carol"] .mark[data-errors~="5003"]');
    await carolErr.hover();
    let t = await tipText(page);
    ok(t && t.includes('Failed to enter room') && t.includes('5003') && t.includes('09:30:45.070'),
      "sample: hovering carol's error mark shows its time, event id and text", t);
    await page.mouse.move(1, 1);
    await page.evaluate(() => document.querySelector('g.lane[data-user="dave"] .mark[data-errors~="2002"]').focus());
    t = await tipText(page);
    ok(t && t.includes('The application does not have permission to use camera') && t.includes('2002'),
      "sample: focusing dave's permission mark (keyboard) shows its text", t);
    await page.keyboard.press('Escape');
    ok((await tipText(page)) === null, 'sample: Escape hides the tooltip');
    await page.hover('g.lane[data-user="dave"] .mark[data-kind="experience"]');
    t = await tipText(page);
    ok(t && t.includes('Unable to enable video') && t.includes('1016') && t.includes('camera permission is not granted'),
      "sample: hovering dave's abnormal experience shows it and its cause, decoded", t);
    await page.hover('g.lane[data-user="erin"] .stay');
    t = await tipText(page);
    ok(t && t.includes('entered 2024-03-12 09:31:05.600') && t.includes('left 09:39:30.100'),
      "sample: hovering erin's bar shows her time in the room (5003 to 5008)", t);

    // A single event's mark, after zooming into carol's failed entry.
    await carolErr.click();
    const after = await laneMarks(page);
    ok(after.carol.marks > marks.carol.marks, 'sample: clicking a cluster zooms in and splits it', [marks.carol, after.carol]);
    let single = null;
    for (let i = 0; i < 6 && !single; i++) { // 5005 and 5003 are 10 ms apart: zoom on
      single = await page.$('g.lane[data-user="carol"] .mark[data-count="1"][data-event-ids="5003"]');
      if (!single) await page.click('g.lane[data-user="carol"] .mark.cluster[data-event-ids~="5003"]');
    }
    ok(single !== null, "sample: zoomed in far enough, carol's 5003 is a mark of its own");
    if (single) {
      await single.hover();
      t = await tipText(page);
      ok(t && /09:30:45\.070/.test(t) && t.includes('event 5003, param1 0, param2 -1') && t.includes('Failed to enter room') &&
        t.includes('room') && t.includes('error'), 'sample: its tooltip has time, event id, parameters, decoded text, category, severity', t);
    } else ok(false, 'sample: single mark tooltip');
    await page.click('text=Whole call');

    // Filtering by category.
    await page.click('input[data-category="room"]');
    const noRoom = await laneMarks(page);
    const sum = (m) => Object.values(m).reduce((a, x) => a + x.own + x.remote, 0);
    is(sum(noRoom), want.total - want.by_category.room, 'sample: unticking "room" hides exactly the room events');
    await page.click('input[data-category="room"]');
    is(sum(await laneMarks(page)), want.total, 'sample: ticking it again shows them all');

    // Readable at 1280 px: nothing sticks out sideways; header complete.
    const geo = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      svg: document.querySelector('.timeline svg').getBoundingClientRect().right,
      head: document.querySelector('.call-head').innerText,
    }));
    ok(geo.scroll <= 1280 && geo.svg <= 1280, 'sample: at 1280 px nothing overflows sideways', geo);
    ok(['1400188366', '61203', '1400188366_61203_1710235800', '2024-03-12 09:30:00.120', 'UTC+00:00'].every((x) => geo.head.includes(x)) &&
      /Users\s+5/.test(geo.head), 'sample: the header has app, room, call id, time range, users and time zone', geo.head);

    // Printed: controls hidden, drawn to the page's width, legible sizes.
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const pr = await page.evaluate(() => ({
      controls: getComputedStyle(document.querySelector('.controls fieldset')).display,
      legend: getComputedStyle(document.querySelector('.controls .legend')).display,
      viewBox: document.querySelector('.timeline svg').getAttribute('viewBox'),
    }));
    ok(pr.controls === 'none' && pr.legend !== 'none' && pr.viewBox.startsWith('0 0 1040 '),
      'sample: printed, the controls are hidden (not the legend) and the timeline is drawn for A4 landscape', pr);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    ok(pdf.length > 10000 && pdf.subarray(0, 5).toString() === '%PDF-', 'sample: it prints (PDF, A4 landscape)');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });

    is(r.requests, [], 'sample: no request leaves the page');
    is(r.consoleErrors, [], 'sample: no error in the console');
  } finally {
    await r.close();
  }
}

async function screenshot() {
  const r = await openReport(join(dir, 'sample.html'));
  let png;
  try {
    png = await r.page.screenshot({ fullPage: true });
  } finally {
    await r.close();
  }
  writeFileSync(join(dir, 'sample.png'), png);
  // Compare with the committed screenshot in the browser itself: both
  // scaled down 8 times, grey levels, cells that differ by more than 40.
  const ref = readFileSync(reference);
  const r2 = await openReport(join(dir, 'blank.html'));
  try {
    const res = await r2.page.evaluate(async ([a, b]) => {
      const load = (src) => new Promise((res, rej) => { const i = new Image(); i.onload = () => res(i); i.onerror = rej; i.src = src; });
      const [ia, ib] = [await load(a), await load(b)];
      const w = Math.ceil(Math.min(ia.width, ib.width) / 8), h = Math.ceil(Math.min(ia.height, ib.height) / 8);
      const grey = (img) => {
        const c = document.createElement('canvas'); c.width = w; c.height = h;
        const x = c.getContext('2d'); x.imageSmoothingQuality = 'high';
        x.drawImage(img, 0, 0, Math.ceil(img.width / 8), Math.ceil(img.height / 8));
        const d = x.getImageData(0, 0, w, h).data, g = [];
        for (let i = 0; i < d.length; i += 4) g.push(0.3 * d[i] + 0.59 * d[i + 1] + 0.11 * d[i + 2]);
        return g;
      };
      const ga = grey(ia), gb = grey(ib);
      let diff = 0;
      for (let i = 0; i < ga.length; i++) if (Math.abs(ga[i] - gb[i]) > 40) diff++;
      return { a: [ia.width, ia.height], b: [ib.width, ib.height], diff: diff / ga.length };
    }, ['data:image/png;base64,' + png.toString('base64'), 'data:image/png;base64,' + ref.toString('base64')]);
    const sameSize = res.a[0] === res.b[0] && Math.abs(res.a[1] - res.b[1]) <= res.b[1] * 0.02;
    ok(sameSize && res.diff < 0.02, 'the sample report looks like docs/report-sample.png (same width, height within 2%, ' +
      'under 2% of 8x8 cells differ); after a change of layout run "make report-screenshot" and look at it', res);
  } finally {
    await r2.close();
  }
}

async function hostile() {
  const want = expect('hostile');
  const r = await openReport(join(dir, 'hostile.html'));
  const { page } = r;
  try {
    const users = await page.$$eval('section.call tr[data-user] td.user', (tds) => tds.map((td) => td.firstChild.textContent));
    for (const id of want.ids) ok(users.includes(id), `hostile: the user id ${JSON.stringify(id)} is shown as text`, users);
    const cell = await page.$eval('section.call tr[data-user="<img src=x onerror=alert(1)>"] td.user', (td) => td.textContent);
    ok(cell.includes('<img src=y onerror=alert(6)>') && cell.includes('SDK "><b>7</b>'),
      "hostile: the user list's device type and SDK version (markup) are shown as text", cell);
    const titles = await page.$$eval('section.call h2', (hs) => hs.map((x) => x.textContent));
    ok(titles.includes('Call ' + want.comm_id), 'hostile: a CommId that is markup is shown as text', titles);
    // Hover every mark of the hostile lanes: tooltips are built as text too.
    for (const m of await page.$$('g.lane .mark')) { await m.hover(); }
    const dom = await page.evaluate(() => ({
      img: document.querySelectorAll('img, iframe, object, embed, svg svg, b').length,
      scripts: document.querySelectorAll('script').length,
      title: document.title,
    }));
    is(dom.img, 0, 'hostile: no element came from the data (no img, no nested svg, no b)');
    is(dom.scripts, 2, 'hostile: the page has its two script elements, no more');
    is(r.dialogs, [], 'hostile: no dialog opened (nothing ran)');
    is(r.requests, [], 'hostile: no request leaves the page (img src=x was never an element)');
    is(r.consoleErrors, [], 'hostile: no error in the console');
    const marks = await laneMarks(page, titles.indexOf('Call ' + want.comm_id));
    const ev = Object.values(marks).reduce((a, x) => a + x.own + x.remote, 0);
    is(ev, 2, 'hostile: the markup call has its two events');
    const note = await page.$$eval('.notes li', (ls) => ls.map((l) => l.textContent).join('\n'));
    ok(note.includes('no events of their own'), 'hostile: a user named only as a remote peer is marked as having no events of their own', note);
  } finally {
    await r.close();
  }
}

async function large() {
  const want = expect('large');
  const r = await openReport(join(dir, 'large.html'));
  const { page } = r;
  try {
    const marks = await laneMarks(page);
    const lanes = Object.keys(marks).length;
    const drawn = Object.values(marks).reduce((a, x) => a + x.marks, 0);
    const events = Object.values(marks).reduce((a, x) => a + x.own + x.remote, 0);
    is(lanes, 50, 'large: 50 lanes');
    is(events, want.total, 'large: the marks stand for all 20,000 events');
    ok(drawn < want.total / 2, `large: dense marks are aggregated (${drawn} marks drawn)`);
    const t0 = Date.now();
    await page.hover('g.lane[data-user="u25"] .mark.cluster');
    const t = await tipText(page);
    ok(t && /u25: \d+ events/.test(t), `large: a cluster's tooltip says how many events it stands for (${Date.now() - t0} ms)`, t);
    is(r.consoleErrors, [], 'large: no error in the console');
    console.log(`# large: drawn in ${r.loadMs} ms (not a timed test; make bench reports it)`);
  } finally {
    await r.close();
  }
}

// The review's calls (tests/report/make-ux.sh): durations, a WebRTC
// entry, axis labels, the notes against stderr, rows of another room.
async function ux() {
  const r = await openReport(join(dir, 'ux.html'));
  const { page } = r;
  try {
    const heads = await page.$$eval('section.call', (ss) => ss.map((sec) => ({
      title: sec.querySelector('h2').textContent,
      range: [...sec.querySelectorAll('.call-head dt')].find((d) => d.textContent === 'Time range').nextSibling.textContent,
      lanes: [...sec.querySelectorAll('g.lane')].map((l) => l.dataset.user),
      notes: [...sec.querySelectorAll('.notes li')].map((l) => l.textContent),
      entry: Object.fromEntries([...sec.querySelectorAll('tr[data-user]')].map((tr) => [tr.dataset.user, tr.querySelector('td.entry').innerText])),
      apart: [...sec.querySelectorAll('td.experiences li[data-apart]')].map((l) => l.innerText),
    })));
    is(heads.map((h) => h.range.replace(/.*\(/, '(')), ['(2 min 0 s)', '(8 min 20 s)', '(59.999 s)', '(0 ms)'],
      'ux: durations of 119,877, 500,000, 59,999 and 0 ms read "2 min 0 s", "8 min 20 s", "59.999 s", "0 ms" (not "1 min 60 s", "60 s")');
    is([heads[1].entry.kim, heads[2].entry.lee], ['#1 22:13:20.000 Entered room successfully 8 min 20 s', '#1 22:13:20.000 Entered room successfully 59.999 s'],
      'ux: the summary uses the same duration format as the header (not "500000 ms")');
    is(heads[0].entry.bob, '#1 Entered room at 22:13:20.999 (start not reported: time taken unknown)',
      "ux: a WebRTC user's entry (32788, no 5001) says the outcome and that the start was not reported");
    const err = readFileSync(join(dir, 'ux.err'), 'utf8').split('\n').filter((l) => l.startsWith('trtc report: note: '));
    const boxes = heads.flatMap((h) => h.notes.map((n) => h.title.replace(/^Call /, '').replace(/^Room (\S+) \(no CommId\)$/, 'room $1') + ': ' + n));
    is(boxes, err.map((l) => l.slice('trtc report: note: '.length)), 'ux: the yellow boxes show exactly the notes trtc report printed on stderr');
    ok(heads[0].notes.some((n) => n.startsWith('no events for gina: their DescribeUserEvent response was an API error InvalidParameter.UserId')),
      'ux: the API-error note names the user and the Code', heads[0].notes);
    is([heads[3].title, heads[3].lanes, heads[0].lanes.includes('zed')], ['Room 8009 (no CommId)', ['zed'], false],
      "ux: room 8009's row is drawn under a heading naming room 8009, not under call 8008");
    ok(!/ h /.test(heads[0].range) && heads[0].apart.length === 1 && heads[0].apart[0].includes('not on the timeline'),
      "ux: a row 10,000 s before the call's events does not stretch its time range; it is listed apart", heads[0]);
    // Zoomed in to milliseconds, the axis still shows the hour.
    for (let i = 0; i < 9; i++) await page.click('section.call[data-call="0"] .zoom button:text("Zoom in")');
    const labels = await page.$$eval('section.call[data-call="0"] .axis text', (ts) => ts.map((t) => t.textContent));
    ok(labels.length > 2 && labels.every((l) => /^22:1\d:\d\d\.\d{3}$/.test(l)), 'ux: zoomed in, the axis labels are HH:MM:SS.mmm', labels);
    is(r.consoleErrors, [], 'ux: no error in the console');
  } finally {
    await r.close();
  }
}

try {
  await ux();
  await sample();
  await screenshot();
  await hostile();
  await large();
} catch (e) {
  ok(false, 'the browser test ran to its end', e.stack || String(e));
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
