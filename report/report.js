/* report/report.js: draws the page "trtc report" writes, from the JSON in
   the element #trtc-data (made by sql/report.sql). For each call: a
   header, notes on what is missing, a timeline (hand-written SVG: one lane
   per user with the time in the room, the events as marks coloured by
   severity, events about a remote user's stream hollow on a row of their
   own, the abnormal experiences as triangles) and the summary table.

   Data only ever reaches the page through textContent and SVG attributes
   (never innerHTML), so a user id that is HTML markup stays
   text. Marks closer than MERGE_PX on a row are drawn as one cluster mark
   (a square) standing for all of them: data-count says how many; click it
   to zoom in. It loads nothing and needs nothing but this file. */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var LABEL_W = 204;      // the lane labels, left of the plot
  var RIGHT_PAD = 16;
  var AXIS_H = 26;
  var LANE_H = 50;        // rows: experiences, own events, remote streams
  var ROW_EXP = 9, ROW_OWN = 25, ROW_REMOTE = 41;
  var MERGE_PX = 9;       // marks closer than this on a row become one cluster
  var PRINT_W = 1040;     // drawing width when printed (A4 landscape)
  var SEV_ORDER = { error: 3, warning: 2, info: 1, unknown: 0 };
  var TIP_LIST = 10;      // events listed in a cluster's tooltip

  var data;
  try {
    data = JSON.parse(document.getElementById('trtc-data').textContent);
  } catch (e) {
    fatal('The report data cannot be read: ' + e.message);
    return;
  }
  var tzMs = (data.tz_min || 0) * 60000;
  var root = document.getElementById('report');
  var tip = document.getElementById('tip');
  var hiddenCats = {};        // category -> true when filtered out
  var show = { remote: true, experiences: true };
  var views = [];             // one per call: { call, t0, t1, box, rangeEl }
  var info = new WeakMap();   // drawn element -> what its tooltip shows
  var printing = false;

  // ---- small helpers --------------------------------------------------------
  function h(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = String(text);
    return e;
  }
  function s(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    if (attrs) for (var k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function fatal(msg) {
    var m = document.getElementById('report');
    if (m) m.appendChild(h('p', { 'class': 'fatal' }, msg));
  }
  function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
  // A time of day in the report's time zone; date too when asked.
  function fmtTime(ms, withDate, noMs) {
    if (ms == null) return '?';
    var d = new Date(ms + tzMs);
    var t = pad(d.getUTCHours(), 2) + ':' + pad(d.getUTCMinutes(), 2) + ':' + pad(d.getUTCSeconds(), 2);
    if (!noMs) t += '.' + pad(d.getUTCMilliseconds(), 3);
    if (withDate) t = d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2) + ' ' + t;
    return t;
  }
  // A duration, one format for the whole page: exact under a minute
  // ("535 ms", "5.02 s", "59.999 s"), then rounded once to the second and
  // split ("2 min 0 s" for 119,877 ms), from an hour on to the minute
  // ("2 h 47 min"). Never "1 min 60 s".
  function fmtDur(ms) {
    if (ms == null) return '?';
    var sign = ms < 0 ? '-' : '';
    ms = Math.round(Math.abs(ms));
    if (ms < 1000) return sign + ms + ' ms';
    if (ms < 60000) return sign + ms / 1000 + ' s';
    var sec = Math.round(ms / 1000);
    if (sec < 3600) return sign + Math.floor(sec / 60) + ' min ' + sec % 60 + ' s';
    var min = Math.round(sec / 60);
    return sign + Math.floor(min / 60) + ' h ' + min % 60 + ' min';
  }
  function sevOf(ev) { return ev[9] && SEV_ORDER[ev[9]] != null ? ev[9] : 'unknown'; }
  function catOf(ev) { return ev[8] || '(unknown)'; }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // ---- the controls ------------------------------------------------------------
  function buildControls() {
    var cats = {};
    data.calls.forEach(function (c) {
      c.events.forEach(function (ev) { var k = catOf(ev); cats[k] = (cats[k] || 0) + 1; });
    });
    var bar = h('div', { 'class': 'controls' });
    var fs = add(h('fieldset', { 'class': 'categories' }), h('legend', null, 'Categories'));
    Object.keys(cats).sort().forEach(function (k) {
      var cb = h('input', { type: 'checkbox', 'data-category': k });
      cb.checked = true;
      cb.addEventListener('change', function () {
        if (cb.checked) delete hiddenCats[k]; else hiddenCats[k] = true;
        redraw();
      });
      add(fs, add(h('label'), cb, document.createTextNode(' ' + k + ' '), h('span', { 'class': 'count' }, '(' + cats[k] + ')')));
    });
    var fs2 = add(h('fieldset'), h('legend', null, 'Show'));
    [['remote', 'events about remote streams'], ['experiences', 'abnormal experiences']].forEach(function (p) {
      var cb = h('input', { type: 'checkbox', 'data-show': p[0] });
      cb.checked = true;
      cb.addEventListener('change', function () { show[p[0]] = cb.checked; redraw(); });
      add(fs2, add(h('label'), cb, document.createTextNode(' ' + p[1])));
    });
    add(bar, fs, fs2, legend());
    return bar;
  }
  function legend() {
    var l = h('div', { 'class': 'legend', 'aria-label': 'legend' });
    function swatch(draw, label) {
      var sv = s('svg', { width: 16, height: 14, 'aria-hidden': 'true' });
      add(sv, draw);
      add(l, add(h('span'), sv, document.createTextNode(' ' + label)));
    }
    ['error', 'warning', 'info', 'unknown'].forEach(function (k) {
      swatch(add(s('g', { 'class': 'sev-' + k, style: 'fill:var(--sev-' + k + ')' }), s('circle', { cx: 8, cy: 7, r: 5 })), k);
    });
    swatch(s('circle', { cx: 8, cy: 7, r: 4.5, style: 'fill:#fff;stroke:var(--sev-info);stroke-width:1.8' }), 'remote stream');
    swatch(s('rect', { x: 3, y: 1, width: 10, height: 12, rx: 2, style: 'fill:var(--sev-info);stroke:#222' }), 'several (click: zoom)');
    swatch(s('path', { d: 'M2 2 L14 2 L8 12 Z', style: 'fill:var(--experience)' }), 'abnormal experience');
    swatch(s('rect', { x: 1, y: 3, width: 14, height: 8, style: 'fill:var(--stay);stroke:var(--stay-edge)' }), 'in the room');
    swatch(s('rect', { x: 1, y: 6, width: 14, height: 3, style: 'fill:#8a949e' }), 'in the user list');
    return l;
  }

  // ---- a call ------------------------------------------------------------------
  function callTitle(c) {
    return c.comm_id != null ? 'Call ' + c.comm_id : 'Room ' + (c.room_id == null ? '?' : c.room_id) + ' (no CommId)';
  }
  function buildCall(c, i) {
    var sec = h('section', { 'class': 'call', 'data-call': i });
    add(sec, h('h2', null, callTitle(c)));
    var nEvents = c.events.length;
    var dl = h('dl', { 'class': 'call-head' });
    function item(k, v, cls) { add(dl, h('dt', null, k), h('dd', cls ? { 'class': cls } : null, v)); }
    item('App (SdkAppId)', c.sdk_app_id == null ? 'not recorded' : c.sdk_app_id);
    item('Room', c.room_id == null ? 'not recorded' : c.room_id);
    item('Call (CommId)', c.comm_id == null ? 'unknown (see the notes below)' : c.comm_id, c.comm_id == null ? 'missing' : null);
    item('Time range', fmtTime(c.start_ms, true) + ' to ' + fmtTime(c.end_ms, false) + ' (' + fmtDur(c.end_ms - c.start_ms) + ')');
    item('Users', c.users.length === c.n_users_all ? String(c.users.length)
      : c.users.length + ' shown of ' + c.n_users_all + ' (--user)');
    item('Events', nEvents + ' events, ' + plural(c.experiences.length, 'abnormal experience', 'abnormal experiences'));
    item('Time zone', 'UTC' + data.tz + ' (times are shown in it)');
    add(sec, dl);

    var notes = callNotes(c);
    if (notes.length) {
      var ul = h('ul', { 'class': 'notes', 'aria-label': 'what is missing' });
      notes.forEach(function (n) { add(ul, h('li', null, n)); });
      add(sec, ul);
    }

    var v = { call: c, t0: c.start_ms, t1: c.end_ms, box: h('div', { 'class': 'timeline' }) };
    if (v.t1 - v.t0 < 1000) { v.t0 -= 500; v.t1 += 500; }
    v.full = [v.t0 - (v.t1 - v.t0) * 0.01, v.t1 + (v.t1 - v.t0) * 0.01];
    v.t0 = v.full[0]; v.t1 = v.full[1];
    var zoom = h('div', { 'class': 'zoom' });
    function btn(label, f) { var b = h('button', { type: 'button' }, label); b.addEventListener('click', f); add(zoom, b); }
    btn('Zoom in', function () { zoomTo(v, (v.t0 + v.t1) / 2, (v.t1 - v.t0) / 4); });
    btn('Zoom out', function () { zoomTo(v, (v.t0 + v.t1) / 2, (v.t1 - v.t0)); });
    btn('Whole call', function () { v.t0 = v.full[0]; v.t1 = v.full[1]; drawTimeline(v); });
    v.rangeEl = h('span', { 'class': 'range' });
    add(zoom, v.rangeEl);
    add(sec, h('h3', null, 'Timeline'), zoom, v.box);
    views.push(v);

    add(sec, h('h3', null, 'Summary per user'), summary(c));
    add(sec, h('p', { 'class': 'sql-hint' },
      'The same figures in SQL: sql/examples/02-room-entry.sql (room entry), 03-first-frame.sql (time to first frame); all of them: sql/report.sql. See docs/report.md.'));
    return sec;
  }
  // What is missing: the notes sql/report.sql made (trtc_report_note),
  // the same "trtc report" prints on stderr as note: lines.
  function callNotes(c) { return c.notes || []; }

  // ---- the timeline --------------------------------------------------------------
  function zoomTo(v, mid, half) {
    var full = v.full[1] - v.full[0];
    half = Math.max(half, 50);
    if (half * 2 >= full) { v.t0 = v.full[0]; v.t1 = v.full[1]; }
    else {
      v.t0 = Math.max(v.full[0], mid - half); v.t1 = v.t0 + half * 2;
      if (v.t1 > v.full[1]) { v.t1 = v.full[1]; v.t0 = v.t1 - half * 2; }
    }
    drawTimeline(v);
  }
  var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5,
    9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5];
  function drawTimeline(v) {
    var c = v.call;
    var W = printing ? PRINT_W : Math.max(640, Math.round(v.box.clientWidth || 1240));
    var x0 = LABEL_W, x1 = W - RIGHT_PAD, span = v.t1 - v.t0;
    var H = AXIS_H + c.users.length * LANE_H + 4;
    function X(t) { return x0 + (t - v.t0) / span * (x1 - x0); }
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img',
      'aria-label': 'timeline of ' + callTitle(c) + ': one lane per user' });
    var vi = views.indexOf(v);   // ids in this call's drawing end with it
    var defs = add(s('defs'), add(s('linearGradient', { id: 'open-end-' + vi }),
      s('stop', { offset: '0', 'stop-color': '#cfe2f3' }), s('stop', { offset: '0.75', 'stop-color': '#cfe2f3' }),
      s('stop', { offset: '1', 'stop-color': '#cfe2f3', 'stop-opacity': '0.1' })),
      add(s('clipPath', { id: 'plot-clip-' + vi }), s('rect', { x: x0 - 4, y: 0, width: x1 - x0 + 10, height: H })));
    add(svg, defs);

    // Axis and grid.
    var step = STEPS[STEPS.length - 1];
    for (var i = 0; i < STEPS.length; i++) if (span / STEPS[i] <= (x1 - x0) / 95) { step = STEPS[i]; break; }
    var axis = s('g', { 'class': 'axis' });
    var first = Math.ceil((v.t0 + tzMs) / step) * step - tzMs;
    for (var t = first; t <= v.t1; t += step) {
      var x = X(t);
      add(axis, s('line', { 'class': 'grid', x1: x, x2: x, y1: AXIS_H - 6, y2: H }));
      // Always with the hour: HH:MM, HH:MM:SS, or HH:MM:SS.mmm zoomed in.
      var label = step >= 6e4 && step % 6e4 === 0 ? fmtTime(t, false, true).slice(0, 5)
        : step >= 1000 ? fmtTime(t, false, true) : fmtTime(t);
      add(axis, s('text', { x: x, y: AXIS_H - 10, 'text-anchor': 'middle' }, label));
    }
    add(svg, axis);
    v.rangeEl.textContent = fmtTime(v.t0, true) + ' to ' + fmtTime(v.t1) + ' (' + fmtDur(Math.round(span)) + ' shown, UTC' + data.tz + ')';

    var lanes = [];
    c.users.forEach(function (u, li) {
      var y = AXIS_H + li * LANE_H;
      var g = s('g', { 'class': 'lane', 'data-user': u.id, 'data-lane': li });
      if (li % 2 === 0) add(g, s('rect', { 'class': 'lane-bg', x: 0, y: y, width: W, height: LANE_H }));
      var name = u.id == null ? '(no user id)' : u.id;
      var shown = name.length > 24 ? name.slice(0, 23) + '\u2026' : name;
      add(g, add(s('text', { 'class': 'lane-name', x: 6, y: y + 17 }, shown), s('title', null, name)));
      var bits = [];
      if (u.client) bits.push(u.client);
      if (u.device) bits.push(u.device);
      bits.push(plural(u.n_events, 'event', 'events'));
      var info1 = bits.join(' \u00b7 ');
      add(g, s('text', { 'class': 'lane-info', x: 6, y: y + 31 }, info1.length > 34 ? info1.slice(0, 33) + '\u2026' : info1));
      var nx = c.experiences.filter(function (x) { return x.lane === li; }).length;
      var warn = u.n_events === 0 ? 'no events of their own' : u.n_untimed ? u.n_untimed + ' without a time' : null;
      if (warn) add(g, s('text', { 'class': 'lane-warn', x: 6, y: y + 44 }, '\u26a0 ' + warn));
      else if (nx) add(g, s('text', { 'class': 'lane-exp', x: 6, y: y + 44 }, plural(nx, 'abnormal experience', 'abnormal experiences')));
      lanes.push({ g: g, y: y, plot: s('g', { 'clip-path': 'url(#plot-clip-' + vi + ')' }) });
      add(g, lanes[li].plot);
      add(svg, g);
    });

    // Time in the room, and the entry attempts.
    c.users.forEach(function (u, li) {
      var L = lanes[li], yb = L.y + ROW_OWN;
      u.stays.forEach(function (st) {
        var a = st[0] == null ? v.full[0] : st[0], b = st[1] == null ? c.end_ms : st[1];
        if (b < v.t0 || a > v.t1) return;
        var xa = Math.max(x0 - 6, X(a)), xb = Math.min(x1 + 6, X(b));
        if (st[1] == null) xb = Math.min(x1 + 6, Math.max(xb, X(c.end_ms)) + 30);
        var r = s('rect', { 'class': 'stay' + (st[1] == null ? ' open' : ''), x: xa, y: yb - 6,
          width: Math.max(2, xb - xa), height: 12, tabindex: 0, 'data-kind': 'stay',
          fill: st[1] == null ? 'url(#open-end-' + vi + ')' : null });
        info.set(r, { kind: 'stay', user: u, stay: st });
        add(L.plot, r);
        if (st[1] == null && xb - xa > 90) add(L.plot, s('text', { 'class': 'open-label', x: xb - 4, y: yb - 8, 'text-anchor': 'end' }, 'no exit reported'));
      });
      // The sessions of the call's user list (DescribeUserInfo), a thin line above.
      (u.listed || []).forEach(function (ls) {
        var a = ls[0] == null ? v.full[0] : ls[0], b = ls[1] == null ? c.end_ms : ls[1];
        if (b < v.t0 || a > v.t1) return;
        var xa = Math.max(x0 - 4, X(a)), xb = Math.min(x1 + 6, X(b));
        var r = s('rect', { 'class': 'listed' + (ls[1] == null ? ' open' : ''), x: xa, y: yb - 11,
          width: Math.max(2, xb - xa), height: 3, tabindex: 0, 'data-kind': 'listed' });
        info.set(r, { kind: 'listed', user: u, session: ls });
        add(L.plot, r);
      });
      u.entry.forEach(function (a) {
        // No line without a start (a WebRTC client reports no 5001).
        if (a.started_ms == null || a.ended_ms == null || a.ended_ms < v.t0 || a.started_ms > v.t1) return;
        add(L.plot, s('line', { 'class': 'attempt' + (a.entered ? '' : ' failed'), x1: X(a.started_ms), x2: X(a.ended_ms), y1: yb, y2: yb }));
      });
    });

    // The events: own on the middle row, remote streams on the lower one.
    var rows = {};
    c.events.forEach(function (ev) {
      if (ev[1] == null || hiddenCats[catOf(ev)]) return;
      var remote = ev[5] != null;
      if (remote && !show.remote) return;
      if (ev[1] < v.t0 || ev[1] > v.t1) return;
      var k = ev[0] + (remote ? 'r' : 'o');
      (rows[k] || (rows[k] = [])).push(ev);
    });
    Object.keys(rows).forEach(function (k) {
      var li = parseInt(k, 10), remote = k.slice(-1) === 'r';
      var y = lanes[li].y + (remote ? ROW_REMOTE : ROW_OWN);
      clusters(rows[k], function (ev) { return X(ev[1]); }).forEach(function (cl) {
        var sev = 'unknown';
        cl.items.forEach(function (ev) { var sv = sevOf(ev); if (SEV_ORDER[sv] > SEV_ORDER[sev]) sev = sv; });
        var one = cl.items.length === 1;
        var g = s('g', { 'class': 'mark sev-' + sev + (remote ? ' remote' : '') + (one ? '' : ' cluster'),
          tabindex: 0, 'data-kind': 'event', 'data-count': cl.items.length, 'data-severity': sev,
          'data-event-ids': cl.items.map(function (ev) { return ev[2]; }).join(' '),
          'data-errors': cl.items.filter(function (ev) { return ev[9] === 'error'; }).map(function (ev) { return ev[2]; }).join(' ') });
        if (one) add(g, s('circle', { cx: cl.x, cy: y, r: remote ? 4 : 5 }));
        else {
          // A cluster: a square filled from the top with its errors, then
          // its warnings, in proportion (at least 3 px each when present).
          add(g, s('rect', { x: cl.x - 5, y: y - 6.5, width: 10, height: 13, rx: 2 }));
          var nErr = 0, nWarn = 0, n = cl.items.length, top = y - 6;
          cl.items.forEach(function (ev) { var sv = sevOf(ev); if (sv === 'error') nErr++; else if (sv === 'warning') nWarn++; });
          [['error', nErr], ['warning', nWarn]].forEach(function (p) {
            if (!p[1] || p[1] === n) return;
            var hh = Math.max(3, Math.round(12 * p[1] / n));
            add(g, s('rect', { 'class': 'part sev-' + p[0], x: cl.x - 4.5, y: top, width: 9, height: hh }));
            top += hh;
          });
          if (nErr + nWarn < n && sev !== 'info' && sev !== 'unknown') {
            var rest = y + 6 - top;
            if (rest > 0) add(g, s('rect', { 'class': 'part sev-info', x: cl.x - 4.5, y: top, width: 9, height: rest }));
          }
        }
        info.set(g, { kind: 'events', items: cl.items, user: c.users[li], remote: remote });
        add(lanes[li].plot, g);
      });
    });

    // Abnormal experiences, on the top row of their user's lane.
    if (show.experiences) {
      var byLane = {};
      c.experiences.forEach(function (x) {
        if (x.time_ms < v.t0 - 999 || x.time_ms > v.t1) return;
        (byLane[x.lane] || (byLane[x.lane] = [])).push(x);
      });
      Object.keys(byLane).forEach(function (k) {
        var li = parseInt(k, 10), y = lanes[li].y + ROW_EXP;
        clusters(byLane[k], function (x) { return X(x.time_ms); }).forEach(function (cl) {
          var g = s('g', { 'class': 'mark experience', tabindex: 0, 'data-kind': 'experience', 'data-count': cl.items.length });
          add(g, s('path', { d: 'M' + (cl.x - 6) + ' ' + (y - 5) + ' L' + (cl.x + 6) + ' ' + (y - 5) + ' L' + cl.x + ' ' + (y + 6) + ' Z' }));
          info.set(g, { kind: 'experiences', items: cl.items, user: c.users[li] });
          add(lanes[li].plot, g);
        });
      });
    }
    v.box.textContent = '';
    add(v.box, svg);
  }
  // Greedy clusters of items sorted by x: each starts at an item and takes
  // those less than MERGE_PX to its right.
  function clusters(items, xOf) {
    var out = [], cur = null;
    items.map(function (it) { return { x: xOf(it), it: it }; })
      .sort(function (a, b) { return a.x - b.x; })
      .forEach(function (p) {
        if (cur && p.x - cur.x0 < MERGE_PX) { cur.items.push(p.it); cur.x1 = p.x; }
        else { cur = { x0: p.x, x1: p.x, items: [p.it] }; out.push(cur); }
      });
    out.forEach(function (cl) { cl.x = (cl.x0 + cl.x1) / 2; });
    return out;
  }

  // ---- the summary table -------------------------------------------------------
  var LIST_SHOWN = 5;
  // A list of items; past LIST_SHOWN, the rest folded in a <details>.
  function list(items, make) {
    var ul = h('ul');
    items.slice(0, LIST_SHOWN).forEach(function (it) { add(ul, make(it)); });
    if (items.length <= LIST_SHOWN) return ul;
    var more = add(h('details'), h('summary', null, (items.length - LIST_SHOWN) + ' more'));
    var ul2 = h('ul');
    items.slice(LIST_SHOWN).forEach(function (it) { add(ul2, make(it)); });
    return add(h('div'), ul, add(more, ul2));
  }
  function summary(c) {
    var t = h('table', { 'class': 'summary' });
    var head = add(h('tr'), h('th', { scope: 'col' }, 'User'), h('th', { scope: 'col' }, 'Room entry (attempt, start, outcome, time taken)'),
      h('th', { scope: 'col' }, 'Time to first frame (remote user, stream)'), h('th', { scope: 'col' }, 'Errors / warnings by category'),
      h('th', { scope: 'col' }, 'Abnormal experiences'));
    add(t, add(h('thead'), head));
    var body = h('tbody');
    c.users.forEach(function (u) {
      var tr = h('tr', { 'data-user': u.id });
      var who = [u.client, u.device, u.sdk_version ? 'SDK ' + u.sdk_version : null].filter(Boolean).join(' \u00b7 ');
      add(tr, add(h('td', { 'class': 'user' }, u.id == null ? '(no user id)' : u.id),
        who ? h('div', { 'class': 'none' }, who) : null,
        (u.listed || []).length ? h('div', { 'class': 'none listed' }, 'user list: ' + u.listed.map(function (ls) {
          return (ls[0] == null ? '?' : fmtTime(ls[0], false, true)) + '\u2013' + (ls[1] == null ? '?' : fmtTime(ls[1], false, true));
        }).join(', ')) : null));
      var entry = h('td', { 'class': 'entry' });
      if (!u.entry.length) add(entry, h('span', { 'class': 'none' }, u.n_events ? 'no entry attempt (5001) reported' : 'no events'));
      else {
        add(entry, list(u.entry, function (a) {
          var li = h('li', { 'data-attempt': a.attempt, 'data-entry-ms': a.entry_ms == null ? '' : a.entry_ms,
            'data-since-first-ms': a.since_first_ms == null ? '' : a.since_first_ms });
          var since = a.attempt > 1 && a.since_first_ms != null ? document.createTextNode(' (' + fmtDur(a.since_first_ms) + ' since the first attempt)') : null;
          var outcome = h('span', { 'class': a.entered ? '' : 'bad' }, a.outcome);
          if (a.started_ms == null) {
            // An outcome without a start (a WebRTC client reports no 5001):
            // the outcome is known, the start and the time taken are not.
            return add(li, document.createTextNode('#' + a.attempt + ' '), outcome,
              document.createTextNode(' at ' + fmtTime(a.ended_ms) + ' '),
              h('span', { 'class': 'none' }, '(start not reported: time taken unknown)'), since);
          }
          if (a.ended_ms == null) {
            return add(li, document.createTextNode('#' + a.attempt + ' ' + a.started + ' '), outcome, since);
          }
          return add(li, document.createTextNode('#' + a.attempt + ' ' + a.started + ' '), outcome, document.createTextNode(' '),
            h('span', { 'class': 'num', title: a.entry_ms + ' ms' }, fmtDur(a.entry_ms)), since);
        }));
      }
      var ff = h('td', { 'class': 'first-frame' });
      if (!u.first_frame.length) add(ff, h('span', { 'class': 'none' }, 'none reported'));
      else {
        add(ff, list(u.first_frame, function (f) {
          return add(h('li', { 'data-remote': f.remote, 'data-ttff-ms': f.ttff_ms == null ? '' : f.ttff_ms }),
            document.createTextNode(f.remote + ' (' + f.stream + ') '),
            h('span', { 'class': 'num', title: f.ttff_ms == null ? null : f.ttff_ms + ' ms' }, fmtDur(f.ttff_ms)),
            document.createTextNode(' at ' + f.first_frame));
        }));
      }
      var pr = h('td', { 'class': 'problems' });
      if (!u.problems.length) add(pr, h('span', { 'class': 'none' }, 'none'));
      else {
        var ul3 = h('ul');
        u.problems.forEach(function (p) {
          var li = add(h('li', { 'data-category': p[0], 'data-errors': p[1], 'data-warnings': p[2] }), document.createTextNode(p[0] + ': '));
          if (p[1]) add(li, h('span', { 'class': 'bad num' }, plural(p[1], 'error', 'errors')));
          if (p[1] && p[2]) add(li, document.createTextNode(', '));
          if (p[2]) add(li, h('span', { 'class': 'warn num' }, plural(p[2], 'warning', 'warnings')));
          add(ul3, li);
        });
        add(pr, ul3);
      }
      var ex = h('td', { 'class': 'experiences' });
      var mine = c.experiences.filter(function (x) { return c.users[x.lane] === u; });
      if (!mine.length) add(ex, h('span', { 'class': 'none' }, 'none'));
      else {
        add(ex, list(mine, function (x) {
          var li = h('li', x.apart ? { 'class': 'apart', 'data-apart': '1' } : null, (x.apart ? fmtTime(x.time_ms, true, true) : fmtTime(x.time_ms, false, true)) +
            ' ' + (x.experience || 'experience ' + x.experience_id) +
            ' (' + (x.causes.length ? x.causes.map(function (k) { return k.id; }).join(', ') : 'no cause reported') + ')');
          // Far outside the call's events: not drawn (see the notes).
          if (x.apart) add(li, h('span', { 'class': 'warn' }, ' far outside the call\u2019s events: not on the timeline'));
          return li;
        }));
      }
      add(body, add(tr, entry, ff, pr, ex));
    });
    add(t, body);
    return t;
  }

  // ---- tooltips ---------------------------------------------------------------
  function evLines(box, ev, full) {
    var sev = sevOf(ev);
    add(box, h('div', { 'class': 't-time' }, fmtTime(ev[1], full) + ' UTC' + data.tz));
    add(box, h('div', { 'class': 't-text sev-' + sev }, ev[10] != null ? ev[10] : '(unknown event: not in the mapping table)'));
    add(box, h('div', { 'class': 't-meta' }, 'event ' + ev[2] + ', param1 ' + (ev[3] == null ? 'null' : ev[3]) +
      ', param2 ' + (ev[4] == null ? 'null' : ev[4])));
    add(box, h('div', { 'class': 't-meta' }, [ev[7] || '?', catOf(ev), sev, 'stream ' + (ev[6] || '?')].join(' \u00b7 ')));
    if (ev[5] != null) add(box, h('div', { 'class': 't-peer' }, 'about the stream of remote user ' + ev[5]));
  }
  function fillTip(d) {
    tip.textContent = '';
    var who = d.user && d.user.id != null ? d.user.id : '(no user id)';
    if (d.kind === 'stay') {
      var st = d.stay;
      add(tip, h('div', { 'class': 't-text' }, who + ' in the room'));
      add(tip, h('div', null, (st[0] == null ? 'no entry reported' : 'entered ' + fmtTime(st[0], true)) + ', ' +
        (st[1] == null ? 'no exit reported (open-ended)' : 'left ' + fmtTime(st[1]) + ' (' + (st[2] || 'exit') + ')')));
      if (st[0] != null && st[1] != null) add(tip, h('div', { 'class': 't-meta' }, fmtDur(st[1] - st[0]) + ' in the room'));
    } else if (d.kind === 'listed') {
      var ls = d.session;
      add(tip, h('div', { 'class': 't-text' }, who + ' in the call\u2019s user list (DescribeUserInfo)'));
      add(tip, h('div', null, (ls[0] == null ? 'no join time' : 'joined ' + fmtTime(ls[0], true, true)) + ', ' +
        (ls[1] == null ? 'no leave time' : 'left ' + fmtTime(ls[1], false, true))));
      if (d.user.device || d.user.sdk_version) add(tip, h('div', { 'class': 't-meta' },
        [d.user.device, d.user.sdk_version ? 'SDK ' + d.user.sdk_version : null].filter(Boolean).join(' \u00b7 ')));
    } else if (d.kind === 'events') {
      var n = d.items.length;
      if (n === 1) {
        add(tip, h('div', { 'class': 't-meta' }, who + (d.remote ? ' (event about a remote stream)' : '')));
        evLines(tip, d.items[0], true);
      } else {
        add(tip, h('div', { 'class': 't-text' }, who + ': ' + n + ' events' + (d.remote ? ' about remote streams' : '')));
        add(tip, h('div', { 'class': 't-time' }, fmtTime(d.items[0][1], true) + ' to ' + fmtTime(d.items[n - 1][1]) + ' UTC' + data.tz));
        var ul = h('ul');
        d.items.slice(0, TIP_LIST).forEach(function (ev) {
          add(ul, h('li', { 'class': 'sev-' + sevOf(ev) }, fmtTime(ev[1]) + '  ' + ev[2] + ' (' + (ev[3] == null ? 'null' : ev[3]) + ', ' +
            (ev[4] == null ? 'null' : ev[4]) + ')  ' + (ev[10] != null ? ev[10] : '(unknown event)') + (ev[5] != null ? '  [remote: ' + ev[5] + ']' : '')));
        });
        add(tip, ul);
        if (n > TIP_LIST) add(tip, h('div', { 'class': 't-meta' }, '\u2026 and ' + (n - TIP_LIST) + ' more'));
        add(tip, h('div', { 'class': 't-meta' }, 'Click (or Enter) to zoom in.'));
      }
    } else if (d.kind === 'experiences') {
      d.items.forEach(function (x) {
        add(tip, h('div', { 'class': 't-time' }, fmtTime(x.time_ms, true, true) + ' UTC' + data.tz + ' \u00b7 ' + who));
        add(tip, h('div', { 'class': 't-text' }, 'Abnormal experience: ' + (x.experience || 'unknown experience ' + x.experience_id)));
        var ul = h('ul');
        if (!x.causes.length) add(ul, h('li', null, 'no abnormal event reported with it'));
        x.causes.forEach(function (k) {
          add(ul, h('li', null, k.id + ': ' + (k.text || '(unknown abnormal event)') + (k.kind ? ' [' + k.kind + ']' : '') +
            (k.peer != null ? ' \u2014 caused by remote user ' + k.peer : '')));
        });
        add(tip, ul);
      });
    }
  }
  function showTip(target) {
    var d = info.get(target);
    if (!d) return;
    fillTip(d);
    tip.hidden = false;
    var r = target.getBoundingClientRect();
    var tw = tip.offsetWidth, th = tip.offsetHeight;
    var left = r.left + window.scrollX + r.width / 2 - tw / 2;
    left = Math.max(window.scrollX + 4, Math.min(left, window.scrollX + document.documentElement.clientWidth - tw - 4));
    var top = r.bottom + window.scrollY + 6;
    if (r.bottom + th + 10 > window.innerHeight && r.top > th + 10) top = r.top + window.scrollY - th - 6;
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  function hideTip() { tip.hidden = true; }
  function markOf(e) {
    var t = e.target;
    while (t && t !== root) { if (info.has(t)) return t; t = t.parentNode; }
    return null;
  }
  function zoomCluster(m) {
    var d = info.get(m);
    if (!d || !d.items || d.items.length < 2 || d.kind !== 'events') return;
    var v = null;
    views.forEach(function (w) { if (w.box.contains(m)) v = w; });
    if (!v) return;
    var a = d.items[0][1], b = d.items[d.items.length - 1][1];
    zoomTo(v, (a + b) / 2, Math.max((b - a) * 0.75, (v.t1 - v.t0) / 20));
    hideTip();
  }

  // ---- the page ---------------------------------------------------------------
  function redraw() { hideTip(); views.forEach(drawTimeline); }
  if (!data.calls || !data.calls.length) { fatal('This report holds no call.'); return; }
  add(root, buildControls());
  data.calls.forEach(function (c, i) { add(root, buildCall(c, i)); });
  document.title = (data.calls.length === 1 ? callTitle(data.calls[0]) : data.calls.length + ' calls') + ' \u2014 TRTC call report';
  redraw();
  root.addEventListener('mouseover', function (e) { var m = markOf(e); if (m) showTip(m); });
  root.addEventListener('mouseout', function (e) { if (markOf(e)) hideTip(); });
  root.addEventListener('focusin', function (e) { var m = markOf(e); if (m) showTip(m); });
  root.addEventListener('focusout', hideTip);
  root.addEventListener('click', function (e) { var m = markOf(e); if (m) zoomCluster(m); });
  root.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hideTip();
    else if (e.key === 'Enter') { var m = markOf(e); if (m) zoomCluster(m); }
  });
  var lastW = 0;
  window.addEventListener('resize', function () {
    var w = document.documentElement.clientWidth;
    if (w !== lastW) { lastW = w; redraw(); }
  });
  // Printed: drawn at the page's width, every folded list open.
  var folded = [];
  window.addEventListener('beforeprint', function () {
    printing = true;
    folded = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    folded.forEach(function (d) { d.open = true; });
    redraw();
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    folded.forEach(function (d) { d.open = false; });
    redraw();
  });
  document.documentElement.setAttribute('data-rendered', String(data.calls.length));
})();
