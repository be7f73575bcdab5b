'use strict';
// Shared helpers. All user-supplied text (study, parameter and metric names, values) is put into the page with
// textContent / DOM nodes, never as markup; text handed to Plotly goes through plotText(), which escapes its
// HTML-like markup.
window.__errors = window.__errors || [];
window.addEventListener('error', (e) => { window.__errors.push(String(e.message || e)); });
window.addEventListener('unhandledrejection', (e) => { window.__errors.push('unhandled rejection: ' + String(e.reason && e.reason.message || e.reason)); });

const Sx = {
  el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    if (attrs) for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') n.className = v; else if (k === 'text') n.textContent = v; else n.setAttribute(k, v);
    }
    for (const c of children) if (c != null) n.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return n;
  },
  clear(n) { while (n.firstChild) n.removeChild(n.firstChild); return n; },
  plotText(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  },
  fmt(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') {
      if (Number.isInteger(v)) return String(v);
      const a = Math.abs(v);
      return (a !== 0 && (a < 1e-3 || a >= 1e5)) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
    }
    return String(v);
  },
  async api(path, options) {
    const r = await fetch(path, Object.assign({ headers: { 'Accept': 'application/json' } }, options || {}));
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) {
      const err = new Error((body && body.error) || ('HTTP ' + r.status));
      err.status = r.status;
      throw err;
    }
    return body;
  },
  showError(message) {
    const box = document.getElementById('error');
    if (!box) return;
    if (message) { box.textContent = message; box.hidden = false; } else { box.textContent = ''; box.hidden = true; }
  },
  setLive(ok) {
    const l = document.getElementById('live');
    if (l) { l.classList.toggle('stale', !ok); l.textContent = ok ? 'live' : 'offline'; }
  },
  studyUrl(name) { return '/study.html?name=' + encodeURIComponent(name); },
  trialUrl(name, number) { return '/trial.html?name=' + encodeURIComponent(name) + '&number=' + encodeURIComponent(number); },
  // Tick positions and labels for an axis drawn on log10(value) from lo to hi (both log10): powers of ten labelled
  // in the value's units (1e-4, 0.001, 0.01, 0.1, 1, 10 ... 1e4), or 1-2-5 steps when the range spans less than a decade.
  logTicks(lo, hi) {
    const label = (raw) => { const v = Number(raw.toPrecision(12)), a = Math.abs(v); return (a !== 0 && (a < 1e-3 || a >= 1e4)) ? v.toExponential().replace(/\.?0*e\+?/, 'e') : String(Number(v.toPrecision(6))); };
    const values = [], texts = [];
    const first = Math.ceil(lo - 1e-9), last = Math.floor(hi + 1e-9);
    if (last - first >= 1) {
      const step = Math.max(1, Math.ceil((last - first) / 8));
      for (let e = first; e <= last; e += step) { values.push(e); texts.push(label(Math.pow(10, e))); }
    } else {
      for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
        for (const m of [1, 2, 5]) {
          const v = e + Math.log10(m);
          if (v >= lo - 1e-9 && v <= hi + 1e-9) { values.push(v); texts.push(label(m * Math.pow(10, e))); }
        }
      }
    }
    return { values, texts };
  },
  apiUrl(name, rest) { return '/api/studies/' + encodeURIComponent(name) + (rest || ''); },
};
