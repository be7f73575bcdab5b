'use strict';
// The study dashboard. Data: GET /api/studies/{name} (summary), GET .../trials, POST .../predict, GET .../importance,
// and for a multi-objective study GET .../pareto (the front, the trials beyond a threshold, the reference point, the
// hypervolume and its trace, the Pareto ranking).
// Polls the summary every 2 s and redraws when its revision changes (the model plots at most every 15 s).
(function () {
  const name = new URLSearchParams(location.search).get('name');
  const PLOT_CONFIG = { displaylogo: false, responsive: true, displayModeBar: 'hover', modeBarButtonsToRemove: ['sendDataToCloud', 'lasso2d', 'select2d'] };
  const COLORS = { feasible: '#2563eb', infeasible: '#dc2626', best: '#16a34a', band: 'rgba(37,99,235,0.16)', reference: '#6b7280' };
  const state = { summary: null, trials: [], pareto: null, revision: null, modelRevision: null, modelAt: 0, sortKey: 'number', sortDir: 1 };
  const $ = (id) => document.getElementById(id);

  if (!name) { Sx.showError('No study given: open this page as /study.html?name=<study>.'); return; }
  $('study-name').textContent = name;
  document.title = 'Sextant · ' + name;

  // ---------- helpers about the study ----------
  const spec = () => state.summary.spec;
  // a multi-objective study: the history shows the hypervolume, the table and the parallel coordinates the Pareto
  // ranking; the first objective is the model's default metric
  const multi = () => !!state.summary.multiObjective;
  const objective = () => state.summary.objective || state.summary.objectives[0];
  const objectiveText = (o) => o.goal + ' ' + o.metric + (o.threshold === null || o.threshold === undefined ? '' : ' (threshold ' + Sx.fmt(o.threshold) + ')');
  const paretoNumbers = () => new Set(multi() && state.pareto ? state.pareto.trials.map(t => t.number) : []);
  // the non-dominated trials worse than a threshold (not on the front): number -> the metrics whose threshold they miss
  const beyondThresholds = () => new Map(multi() && state.pareto ? state.pareto.beyondThresholds.map(t => [t.number, t.worseThan]) : []);
  // the Pareto ranking (best first): number -> {rank, position}
  const ranking = () => new Map(multi() && state.pareto ? state.pareto.ranking.map((r, i) => [r.number, { rank: r.rank, position: i }]) : []);
  // whether a metric is minimised (an objective's goal; a constraint metric counts as maximised)
  const minimized = (metric) => state.summary.objectives.some(o => o.metric === metric && o.goal === 'minimize');
  const minimize = () => objective().goal === 'minimize';
  const params = () => spec().parameters.filter(p => p.type !== 'fixed');
  const completed = () => state.trials.filter(t => t.state === 'COMPLETED' && t.values[objective().metric] !== undefined);
  const isLog = (p) => !!p.log && (p.type === 'float' || p.type === 'int');
  const isDiscrete = (p) => p.type === 'categorical' || p.type === 'ordinal';
  const better = (a, b) => minimize() ? a < b : a > b;

  function markRendered(div, points) { div.dataset.points = String(points); div.dataset.rendered = 'true'; }

  function message(div, text) {
    if (div.classList.contains('js-plotly-plot')) Plotly.purge(div);
    Sx.clear(div).append(Sx.el('p', { class: 'muted', text }));
    div.dataset.rendered = 'message';
  }

  function hoverFor(t) {
    const lines = ['trial ' + t.number];
    for (const [k, v] of Object.entries(t.parameters)) lines.push(Sx.plotText(k) + ' = ' + Sx.plotText(Sx.fmt(v)));
    for (const [k, v] of Object.entries(t.values)) lines.push(Sx.plotText(k) + ' = ' + Sx.plotText(Sx.fmt(v)));
    return lines.join('<br>');
  }

  // ---------- summary ----------
  function renderSummary() {
    const s = state.summary;
    const m = objective().metric;
    $('best-title').textContent = multi() ? 'Hypervolume' : 'Best so far';
    $('objective-title').textContent = multi() ? 'Objectives' : 'Objective';
    if (multi()) {
      const size = s.pareto ? s.pareto.size : 0;
      const beyond = s.pareto ? s.pareto.beyondThresholds : 0;
      const left = beyond ? '; ' + beyond + ' non-dominated trial' + (beyond === 1 ? '' : 's') + ' worse than a threshold left out' : '';
      $('best-value').textContent = size ? Sx.fmt(s.pareto.hypervolume) : '–';
      $('best-detail').textContent = (size ? size + ' Pareto-optimal trial' + (size === 1 ? '' : 's')
        : beyond ? 'no completed trial within every threshold yet'
        : (s.outcomeConstraints.length ? 'no completed trial meets the outcome constraints yet' : 'no completed trial yet')) + left;
    } else if (s.best) {
      $('best-value').textContent = Sx.fmt(s.best.values[m]);
      const parts = Object.entries(s.best.parameters).map(([k, v]) => k + '=' + Sx.fmt(v));
      $('best-detail').textContent = 'trial ' + s.best.number + ': ' + parts.join(', ');
    } else {
      $('best-value').textContent = '–';
      $('best-detail').textContent = s.outcomeConstraints.length ? 'no completed trial meets the outcome constraints yet'
        : 'no completed trial yet';
    }
    const counts = Sx.clear($('counts'));
    counts.append(Sx.el('span', { class: 'pill', text: 'total ' + s.total }));
    for (const [k, v] of Object.entries(s.counts)) counts.append(Sx.el('span', { class: 'pill ' + k, text: k.toLowerCase() + ' ' + v }));
    $('objective').textContent = s.objectives.map(objectiveText).join(', ');
    $('constraints').textContent = s.outcomeConstraints.length ? 'subject to ' + s.outcomeConstraints.join(', ') : 'no outcome constraints';
    $('generator').textContent = s.lastGenerator || 'none yet';
    $('generator-next').textContent = s.nextGenerator ? 'next trials from: ' + s.nextGenerator : '';
  }

  // ---------- history ----------
  // one objective: every completed trial's value and the best so far; several: the hypervolume of the observed front
  // after each trial (GET .../pareto hypervolumeByTrial), marking the trials that raised it
  function renderHistory() {
    $('history-title').textContent = multi() ? 'Hypervolume by trial' : 'Optimisation history';
    if (multi()) { renderHypervolumeHistory(); return; }
    const div = $('history');
    const done = completed().sort((a, b) => a.number - b.number);
    const constrained = state.summary.outcomeConstraints.length > 0;
    $('history-caption').textContent = 'Every completed trial\'s objective by its number in the study; the line is the best '
      + (constrained ? 'feasible ' : '') + 'value so far.'
      + (constrained ? ' Red crosses are infeasible trials (they violate an outcome constraint: '
        + state.summary.outcomeConstraints.join(', ') + ').' : '');
    if (!done.length) { message(div, 'No completed trials yet.'); return; }
    const m = objective().metric;
    const feas = done.filter(t => t.feasible), infeas = done.filter(t => !t.feasible);
    const bx = [], by = [];
    let best = null;
    for (const t of done) {
      if (t.feasible && (best === null || better(t.values[m], best))) best = t.values[m];
      if (best !== null) { bx.push(t.number); by.push(best); }
    }
    // every mark has a legend entry; the infeasible one only on studies with outcome constraints
    const traces = [
      { x: feas.map(t => t.number), y: feas.map(t => t.values[m]), mode: 'markers', type: 'scatter',
        name: constrained ? 'feasible trial' : 'completed trial', customdata: feas.map(t => t.number),
        marker: { color: COLORS.feasible, size: 7, opacity: 0.8 }, text: feas.map(hoverFor), hoverinfo: 'text' },
    ];
    if (constrained) {
      traces.push({ x: infeas.map(t => t.number), y: infeas.map(t => t.values[m]), mode: 'markers', type: 'scatter',
        name: 'infeasible trial (violates a constraint)', customdata: infeas.map(t => t.number),
        marker: { color: COLORS.infeasible, symbol: 'x', size: 8 }, text: infeas.map(hoverFor), hoverinfo: 'text' });
    }
    traces.push({ x: bx, y: by, mode: 'lines', type: 'scatter', name: constrained ? 'best feasible so far' : 'best so far',
      line: { color: COLORS.best, width: 2.5, shape: 'hv' }, hoverinfo: 'skip' });
    drawHistory(div, traces, Sx.plotText(m), done.length);
  }

  function renderHypervolumeHistory() {
    const div = $('history');
    const trace = state.pareto.hypervolumeByTrial;
    const constrained = state.summary.outcomeConstraints.length > 0;
    const ref = state.pareto.referencePoint;
    $('history-caption').textContent = 'The hypervolume of the observed Pareto front after each '
      + (constrained ? 'feasible ' : '') + 'completed trial, measured above the current reference point'
      + (ref ? ' (' + state.summary.objectives.map((o, k) => o.metric + ' ' + Sx.fmt(ref[k])).join(', ') + ')' : '')
      + ', so the line never decreases; green: the trials that raised it, faded: those that did not.'
      + (constrained ? ' Infeasible trials (they violate ' + state.summary.outcomeConstraints.join(', ')
        + ') add nothing and are not drawn.' : '');
    if (!trace.length) { message(div, constrained ? 'No feasible completed trials yet.' : 'No completed trials yet.'); return; }
    const byNumber = new Map(state.trials.map(t => [t.number, t]));
    const raised = [], flat = [];
    trace.forEach((e, i) => ((i === 0 ? e.hypervolume > 0 : e.hypervolume > trace[i - 1].hypervolume) ? raised : flat).push(e));
    const marks = (es, name, marker) => ({ x: es.map(e => e.number), y: es.map(e => e.hypervolume), mode: 'markers', type: 'scatter',
      name, customdata: es.map(e => e.number), marker, hoverinfo: 'text',
      text: es.map(e => 'hypervolume ' + Sx.fmt(e.hypervolume) + '<br>' + (byNumber.has(e.number) ? hoverFor(byNumber.get(e.number)) : 'trial ' + e.number)) });
    const traces = [
      { x: trace.map(e => e.number), y: trace.map(e => e.hypervolume), mode: 'lines', type: 'scatter', name: 'hypervolume so far',
        line: { color: COLORS.best, width: 2.5, shape: 'hv' }, hoverinfo: 'skip' },
      marks(raised, 'trial that raised it', { color: COLORS.best, size: 8 }),
      marks(flat, 'trial that did not', { color: COLORS.feasible, size: 6, opacity: 0.35 }),
    ];
    drawHistory(div, traces, 'hypervolume', trace.length);
    div.dataset.kind = 'hypervolume';
  }

  function drawHistory(div, traces, yTitle, points) {
    Plotly.react(div, traces, {
      margin: { l: 60, r: 20, t: 10, b: 45 }, xaxis: { title: { text: 'trial' } }, yaxis: { title: { text: yTitle } },
      legend: { orientation: 'h', y: 1.08 }, showlegend: true, hovermode: 'closest',
    }, PLOT_CONFIG);
    if (!div.dataset.clickable) {   // a click on a trial's mark opens its page
      div.on('plotly_click', (ev) => {
        const pt = ev && ev.points && ev.points[0];
        if (pt && pt.customdata !== undefined) location.href = Sx.trialUrl(name, pt.customdata);
      });
      div.dataset.clickable = 'true';
    }
    div.dataset.kind = 'values';
    markRendered(div, points);
  }

  // ---------- parallel coordinates ----------
  function webglAvailable() {
    try { const c = document.createElement('canvas'); return !!(c.getContext('webgl') || c.getContext('experimental-webgl')); } catch (e) { return false; }
  }

  // Plotly draws parcoords axis titles through its markup parser (so they are escaped with plotText) but tick
  // labels as plain text (so they are not: escaping them would show '&lt;' on the page).
  function axisOf(p, trials) {
    if (isDiscrete(p) || p.type === 'bool') {
      const choices = p.choices || [];
      const idx = new Map(choices.map((c, i) => [JSON.stringify(c), i]));
      return { label: Sx.plotText(p.name), values: trials.map(t => idx.get(JSON.stringify(t.parameters[p.name]))),
               tickvals: choices.map((c, i) => i), ticktext: choices.map(c => Sx.fmt(c)), range: [0, Math.max(1, choices.length - 1)] };
    }
    if (isLog(p)) {
      // drawn on log10 of the value, labelled in the parameter's own units (1e-4, 0.001, 0.01 ...)
      const range = [Math.log10(p.low), Math.log10(p.high)];
      const ticks = Sx.logTicks(range[0], range[1]);
      return { label: Sx.plotText(p.name) + ' (log scale)', values: trials.map(t => Math.log10(t.parameters[p.name])), range,
               tickvals: ticks.values, ticktext: ticks.texts };
    }
    return { label: Sx.plotText(p.name), values: trials.map(t => t.parameters[p.name]), range: [p.low, p.high] };
  }

  function renderParcoords() {
    const div = $('parcoords');
    const done = completed();
    if (done.length < 2) { message(div, 'Needs at least two completed trials.'); return; }
    const m = objective().metric;
    $('parcoords-caption').textContent = 'One line per completed trial across all parameters and metrics, coloured by '
      + (multi() ? 'its Pareto rank (1: not dominated by any feasible trial)' : 'the objective') + '. Drag along an axis to filter.';
    const axes = params().map(p => axisOf(p, done));
    for (const metric of state.summary.metrics) {
      const vals = done.map(t => t.values[metric]);
      const finite = vals.filter(v => typeof v === 'number');
      axes.push({ label: Sx.plotText(metric), values: vals, range: [Math.min(...finite), Math.max(...finite)] });
    }
    // one objective: coloured by it; several: by Pareto rank (1 = the non-dominated trials; unranked, e.g.
    // infeasible, one past the last rank)
    const ranks = ranking();
    const worstRank = Math.max(0, ...[...ranks.values()].map(r => r.rank)) + 1;
    const color = multi() ? done.map(t => ranks.has(t.number) ? ranks.get(t.number).rank : worstRank) : done.map(t => t.values[m]);
    const colorTitle = multi() ? 'Pareto rank' : m;
    const reverse = multi() || minimize();
    const colorscale = 'Viridis';
    if (webglAvailable()) {
      try {
        Plotly.react(div, [{
          type: 'parcoords',
          line: { color, colorscale, reversescale: reverse, showscale: true, colorbar: { title: { text: Sx.plotText(colorTitle) } } },
          dimensions: axes.map(a => Object.assign({ label: a.label, values: a.values, range: a.range }, a.tickvals ? { tickvals: a.tickvals, ticktext: a.ticktext } : {})),
        }], { margin: { l: 70, r: 70, t: 50, b: 30 } }, PLOT_CONFIG);
        markRendered(div, done.length);
        div.dataset.kind = 'parcoords';
        return;
      } catch (e) { /* fall through to the SVG drawing */ }
    }
    // SVG fallback (no WebGL): one polyline per trial over normalised axes.
    const lo = Math.min(...color), hi = Math.max(...color);
    const traces = done.map((t, i) => {
      const y = axes.map(a => { const [a0, a1] = a.range; const v = a.values[i]; return a1 > a0 ? (v - a0) / (a1 - a0) : 0.5; });
      let q = hi > lo ? (color[i] - lo) / (hi - lo) : 0.5;
      if (reverse) q = 1 - q;
      return { x: axes.map((a, k) => k), y, mode: 'lines', type: 'scatter', showlegend: false, hoverinfo: 'text', text: hoverFor(t),
               line: { width: 1.2, color: 'hsl(' + Math.round(260 - 200 * q) + ',70%,' + Math.round(35 + 20 * q) + '%)' }, opacity: 0.75 };
    });
    Plotly.react(div, traces, {
      margin: { l: 40, r: 20, t: 20, b: 60 }, hovermode: 'closest',
      xaxis: { tickvals: axes.map((a, k) => k), ticktext: axes.map(a => a.label), zeroline: false },
      yaxis: { title: { text: 'normalised' }, range: [-0.05, 1.05], zeroline: false },
    }, PLOT_CONFIG);
    markRendered(div, done.length);
    div.dataset.kind = 'svg';
  }

  // ---------- model: slices, contour, importance ----------
  function selectedMetric() { return $('metric').value || objective().metric; }

  async function renderSlices() {
    const host = $('slices');
    const metric = selectedMetric();
    const done = completed().filter(t => t.values[metric] !== undefined);
    const ps = params();
    const results = await Promise.all(ps.map(p => Sx.api(Sx.apiUrl(name, '/predict'), {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metric, slice: { parameter: p.name, steps: 60 } }),
    })));
    // keep existing plot divs when the parameters did not change
    if (host.children.length !== ps.length) {
      Sx.clear(host);
      ps.forEach(() => host.append(Sx.el('div', { class: 'slice' })));
    }
    results.forEach((r, i) => {
      const p = ps[i], div = host.children[i];
      div.dataset.parameter = p.name;
      // null = outside the space's parameter constraints: a gap in the plot
      const band = (sign) => r.mean.map((v, k) => (v === null || r.std[k] === null) ? null : v + sign * 2 * r.std[k]);
      const up = band(1), down = band(-1);
      const obsX = done.map(t => t.parameters[p.name]), obsY = done.map(t => t.values[metric]);
      let traces;
      if (r.categorical) {
        const x = r.x.map(v => Sx.plotText(Sx.fmt(v)));
        traces = [
          { x, y: r.mean, type: 'scatter', mode: 'markers', name: 'mean ± 2 sd', marker: { color: COLORS.feasible, size: 9 },
            error_y: { type: 'data', array: r.std.map(s => s === null ? null : 2 * s), visible: true, color: COLORS.feasible } },
          { x: obsX.map(v => Sx.plotText(Sx.fmt(v))), y: obsY, type: 'scatter', mode: 'markers', name: 'observed', marker: { color: '#111827', size: 4, opacity: 0.45 } },
        ];
      } else {
        traces = [
          { x: r.x, y: up, type: 'scatter', mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
          { x: r.x, y: down, type: 'scatter', mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: COLORS.band, name: '± 2 sd', hoverinfo: 'skip' },
          { x: r.x, y: r.mean, type: 'scatter', mode: 'lines', name: 'mean', line: { color: COLORS.feasible, width: 2 } },
          { x: obsX, y: obsY, type: 'scatter', mode: 'markers', name: 'observed', marker: { color: '#111827', size: 4, opacity: 0.45 } },
        ];
      }
      Plotly.react(div, traces, {
        margin: { l: 50, r: 10, t: 28, b: 40 }, showlegend: false,
        title: { text: Sx.plotText(p.name), font: { size: 13 }, x: 0.02, xanchor: 'left' },
        xaxis: { type: isLog(p) ? 'log' : (r.categorical ? 'category' : '-'), zeroline: false },
        yaxis: { title: { text: Sx.plotText(metric), font: { size: 11 } } },
      }, PLOT_CONFIG);
      markRendered(div, r.mean.length);
    });
    host.dataset.rendered = 'true';
    host.dataset.points = String(results.reduce((a, r) => a + r.mean.length, 0));
  }

  function numericParams() { return params().filter(p => !isDiscrete(p) && p.type !== 'bool'); }

  function fillContourSelects() {
    const ps = numericParams();
    const xs = $('contour-x'), ys = $('contour-y');
    if (xs.options.length === ps.length) return;
    for (const sel of [xs, ys]) { Sx.clear(sel); for (const p of ps) sel.append(Sx.el('option', { value: p.name, text: p.name })); }
    if (ps.length > 1) ys.selectedIndex = 1;
  }

  async function renderContour() {
    const div = $('contour');
    const ps = numericParams();
    if (ps.length < 2) { message(div, 'Needs two numeric parameters.'); return; }
    const px = $('contour-x').value, py = $('contour-y').value;
    if (px === py) { message(div, 'Pick two different parameters.'); return; }
    const metric = selectedMetric();
    const r = await Sx.api(Sx.apiUrl(name, '/predict'), {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metric, contour: { x: px, y: py, steps: 35 } }),
    });
    const kind = document.querySelector('input[name=contour-kind]:checked').value;
    const done = completed().filter(t => t.values[metric] !== undefined);
    const pxs = ps.find(p => p.name === px), pys = ps.find(p => p.name === py);
    if (div.firstChild && !div.classList.contains('js-plotly-plot')) Sx.clear(div);
    Plotly.react(div, [
      { type: 'contour', x: r.x, y: r.y, z: kind === 'std' ? r.std : r.mean, colorscale: kind === 'std' ? 'Cividis' : 'Viridis',
        reversescale: kind === 'mean' && minimized(metric), contours: { coloring: 'heatmap' },
        colorbar: { title: { text: Sx.plotText((kind === 'std' ? 'sd ' : '') + metric) } } },
      { type: 'scatter', mode: 'markers', x: done.map(t => t.parameters[px]), y: done.map(t => t.parameters[py]), name: 'trials',
        marker: { color: '#fff', size: 6, line: { color: '#111827', width: 1 } }, text: done.map(hoverFor), hoverinfo: 'text' },
    ], {
      margin: { l: 60, r: 20, t: 10, b: 45 }, showlegend: false,
      xaxis: { title: { text: Sx.plotText(px) }, type: isLog(pxs) ? 'log' : '-', zeroline: false },
      yaxis: { title: { text: Sx.plotText(py) }, type: isLog(pys) ? 'log' : '-', zeroline: false },
    }, PLOT_CONFIG);
    markRendered(div, r.x.length * r.y.length);
  }

  async function renderImportance() {
    const div = $('importance');
    const metric = selectedMetric();
    const r = await Sx.api(Sx.apiUrl(name, '/importance?metric=' + encodeURIComponent(metric)));
    $('importance-method').textContent = r.method;
    const entries = Object.entries(r.importance).sort((a, b) => a[1] - b[1]);
    if (div.firstChild && !div.classList.contains('js-plotly-plot')) Sx.clear(div);
    Plotly.react(div, [{ type: 'bar', orientation: 'h', x: entries.map(e => e[1]), y: entries.map(e => Sx.plotText(e[0])),
      marker: { color: COLORS.feasible }, hovertemplate: '%{y}: %{x:.3f}<extra></extra>' }], {
      margin: { l: 120, r: 20, t: 10, b: 40 }, xaxis: { title: { text: 'first-order index of ' + Sx.plotText(metric) }, range: [0, 1] },
      yaxis: { type: 'category', automargin: true },
    }, Object.assign({}, PLOT_CONFIG, { displayModeBar: false }));
    markRendered(div, entries.length);
  }

  async function renderModel(force) {
    const now = Date.now();
    if (!force && state.modelRevision === state.revision) return;
    if (!force && now - state.modelAt < 15000 && state.modelRevision !== null) return;
    state.modelRevision = state.revision;
    state.modelAt = now;
    const status = $('model-status');
    const n = completed().length;
    if (n < 2) {
      status.textContent = 'The model needs at least 2 completed trials (' + n + ' so far).';
      for (const id of ['contour', 'importance']) message($(id), 'The model is not available yet.');
      Sx.clear($('slices'));
      state.modelRevision = null;
      return;
    }
    try {
      fillContourSelects();
      await Promise.all([renderSlices(), renderContour(), renderImportance()]);
      status.textContent = 'model fitted to ' + completed().length + ' completed trials';
    } catch (e) {
      if (e.status === 409 || e.status === 422) {
        status.textContent = e.message;
        for (const id of ['contour', 'importance']) message($(id), 'The model is not available yet.');
        Sx.clear($('slices'));
        state.modelRevision = null;
      } else { throw e; }
    }
  }

  // ---------- Pareto front (multi-objective studies) ----------
  // 2 objectives: one scatter with the front drawn as the boundary of the region it dominates and the dominated
  // trials faded; 3 or more: one such panel (without the boundary) per pair of objectives. The non-dominated trials
  // worse than a threshold (the worst value still of interest) are not on the front: drawn apart, open and grey.
  function renderPareto() {
    const host = $('pareto');
    const objs = state.summary.objectives;
    const front = paretoNumbers();
    const beyond = beyondThresholds();
    const usable = completed().filter(t => t.feasible);
    const ref = state.pareto.referencePoint;
    const refText = ref ? objs.map((o, k) => o.metric + ' ' + Sx.fmt(ref[k]) + (state.pareto.inferred[k] ? ' (inferred)' : ' (threshold)')).join(', ') : '';
    $('pareto-caption').textContent = (objs.length === 2
      ? 'Each feasible completed trial by its two objectives; green: the Pareto front (no other trial is as good in both'
        + ' and better in one), the line bounds the region it dominates; faded: dominated trials.'
      : 'Each pair of objectives; green: the Pareto-optimal trials (judged on all ' + objs.length + ' objectives), faded:'
        + ' the dominated ones.')
      + (beyond.size ? ' Open grey diamonds: trials no other beats, but worse than a threshold (the worst value still of'
        + ' interest), so not on the front.' : '')
      + (ref ? ' Reference point: ' + refText + '.' : '') + ' Click a point to open its trial.';
    if (!usable.length) { message(host, 'No feasible completed trials yet.'); return; }
    const pairs = [];
    for (let i = 0; i < objs.length; i++) for (let j = i + 1; j < objs.length; j++) pairs.push([i, j]);
    if (host.querySelectorAll('.panel').length !== pairs.length) {
      Sx.clear(host);
      pairs.forEach(() => host.append(Sx.el('div', { class: 'panel' })));
    }
    const onFront = usable.filter(t => front.has(t.number)), left = usable.filter(t => beyond.has(t.number));
    const dominated = usable.filter(t => !front.has(t.number) && !beyond.has(t.number));
    pairs.forEach(([i, j], k) => {
      const div = host.children[k];
      const ox = objs[i], oy = objs[j];
      div.dataset.pair = ox.metric + '|' + oy.metric;
      const v = (t, o) => t.values[o.metric];
      const traces = [
        { x: dominated.map(t => v(t, ox)), y: dominated.map(t => v(t, oy)), mode: 'markers', type: 'scatter',
          name: 'dominated trial', customdata: dominated.map(t => t.number), text: dominated.map(hoverFor), hoverinfo: 'text',
          marker: { color: COLORS.feasible, size: 7, opacity: 0.25 } },
        { x: onFront.map(t => v(t, ox)), y: onFront.map(t => v(t, oy)), mode: 'markers', type: 'scatter',
          name: 'Pareto-optimal trial', customdata: onFront.map(t => t.number), text: onFront.map(hoverFor), hoverinfo: 'text',
          marker: { color: COLORS.best, size: 10, line: { color: '#14532d', width: 1 } } },
        { x: left.map(t => v(t, ox)), y: left.map(t => v(t, oy)), mode: 'markers', type: 'scatter',
          name: 'worse than a threshold', customdata: left.map(t => t.number), hoverinfo: 'text',
          text: left.map(t => hoverFor(t) + '<br>worse than the threshold of ' + Sx.plotText(beyond.get(t.number).join(', '))),
          marker: { color: COLORS.reference, symbol: 'diamond-open', size: 9 } },
      ];
      if (objs.length === 2 && onFront.length) {
        const sorted = onFront.slice().sort((a, b) => v(a, ox) - v(b, ox));
        traces.push({ x: sorted.map(t => v(t, ox)), y: sorted.map(t => v(t, oy)), mode: 'lines', type: 'scatter',
          name: 'front', hoverinfo: 'skip', line: { color: COLORS.best, width: 2, shape: ox.goal === 'maximize' ? 'vh' : 'hv' } });
      }
      if (ref) {
        traces.push({ x: [ref[i]], y: [ref[j]], mode: 'markers', type: 'scatter', name: 'reference point', hoverinfo: 'text',
          text: ['reference point: ' + Sx.plotText(ox.metric) + ' ' + Sx.fmt(ref[i]) + ', ' + Sx.plotText(oy.metric) + ' ' + Sx.fmt(ref[j])],
          marker: { color: COLORS.reference, symbol: 'x', size: 9 } });
      }
      const title = (o) => Sx.plotText(o.metric) + (o.goal === 'maximize' ? ' (maximise)' : ' (minimise)');
      Plotly.react(div, traces, {
        margin: { l: 60, r: 15, t: 10, b: 45 }, hovermode: 'closest', showlegend: true, legend: { orientation: 'h', y: 1.1 },
        xaxis: { title: { text: title(ox) }, zeroline: false }, yaxis: { title: { text: title(oy) }, zeroline: false },
      }, PLOT_CONFIG);
      if (!div.dataset.clickable) {
        div.on('plotly_click', (ev) => {
          const pt = ev && ev.points && ev.points[0];
          if (pt && pt.customdata !== undefined) location.href = Sx.trialUrl(name, pt.customdata);
        });
        div.dataset.clickable = 'true';
      }
      markRendered(div, usable.length);
    });
    host.dataset.rendered = 'true';
    host.dataset.points = String(usable.length);
    host.dataset.front = String(onFront.length);
    host.dataset.beyond = String(left.length);
    host.dataset.panels = String(pairs.length);
  }

  // ---------- table ----------
  function columns() {
    const cols = [{ key: 'number', label: 'trial', get: t => t.number, num: true, link: true }, { key: 'state', label: 'state', get: t => t.state }];
    for (const p of spec().parameters) cols.push({ key: 'p:' + p.name, label: p.name, get: t => t.parameters[p.name], num: !isDiscrete(p) });
    for (const m of state.summary.metrics) {
      cols.push({ key: 'm:' + m, label: m, get: t => t.values[m], num: true });
      cols.push({ key: 's:' + m, label: 'sem ' + m, get: t => t.sems[m], num: true });
    }
    cols.push({ key: 'feasible', label: 'feasible', get: t => t.feasible === null ? '' : (t.feasible ? 'yes' : 'no') });
    if (multi()) {
      const front = paretoNumbers(), beyond = beyondThresholds(), ranks = ranking();
      cols.push({ key: 'pareto', label: 'Pareto-optimal', get: t => front.has(t.number) ? 'yes'
        : beyond.has(t.number) ? 'no: worse than the ' + beyond.get(t.number).join(', ') + ' threshold' : '' });
      // shown: the rank; sorted by the ranking's order (rank, then hypervolume contribution), as sort=best
      cols.push({ key: 'rank', label: 'Pareto rank', num: true, get: t => ranks.has(t.number) ? ranks.get(t.number).rank : '',
        sort: t => ranks.has(t.number) ? ranks.get(t.number).position : '' });
    }
    cols.push({ key: 'generator', label: 'generator', get: t => t.generator || '' });
    cols.push({ key: 'worker', label: 'worker', get: t => t.worker || '' });
    cols.push({ key: 'updated', label: 'updated', get: t => t.updated || '' });
    cols.push({ key: 'reason', label: 'failure', get: t => t.failureReason || '' });
    return cols;
  }

  function renderTable() {
    const cols = columns();
    const table = $('trials');
    const thead = table.tHead, tbody = table.tBodies[0];
    if (thead.dataset.sig !== cols.map(c => c.key).join('\u0000')) {
      Sx.clear(thead);
      const tr = Sx.el('tr');
      for (const c of cols) {
        const th = Sx.el('th', { text: c.label });
        th.dataset.key = c.key;
        th.addEventListener('click', () => {
          state.sortDir = state.sortKey === c.key ? -state.sortDir : 1;
          state.sortKey = c.key;
          renderTable();
        });
        tr.append(th);
      }
      thead.append(tr);
      thead.dataset.sig = cols.map(c => c.key).join('\u0000');
    }
    for (const th of thead.querySelectorAll('th')) {
      th.classList.toggle('asc', th.dataset.key === state.sortKey && state.sortDir > 0);
      th.classList.toggle('desc', th.dataset.key === state.sortKey && state.sortDir < 0);
    }
    const col = cols.find(c => c.key === state.sortKey) || cols[0];
    const filter = $('filter').value.trim().toLowerCase();
    const stateFilter = $('state-filter').value;
    const bestNumber = state.summary.best ? state.summary.best.number : null;
    const front = paretoNumbers(), beyond = beyondThresholds();
    let rows = state.trials.filter(t => !stateFilter || t.state === stateFilter);
    if (filter) rows = rows.filter(t => cols.some(c => String(Sx.fmt(c.get(t))).toLowerCase().includes(filter)));
    rows.sort((a, b) => {
      const key = col.sort || col.get;
      const va = key(a), vb = key(b);
      const ea = va === undefined || va === null || va === '', eb = vb === undefined || vb === null || vb === '';
      if (ea || eb) return ea === eb ? a.number - b.number : (ea ? 1 : -1);
      const c = (typeof va === 'number' && typeof vb === 'number') ? va - vb : String(va).localeCompare(String(vb));
      return (c || a.number - b.number) * state.sortDir;
    });
    Sx.clear(tbody);
    const frag = document.createDocumentFragment();
    for (const t of rows) {
      const tr = Sx.el('tr');
      if (t.feasible === false) tr.className = 'infeasible';
      if (t.number === bestNumber) tr.className = 'best';
      if (front.has(t.number)) tr.className = 'pareto';
      if (beyond.has(t.number)) tr.className = 'beyond';
      tr.dataset.number = String(t.number);
      for (const c of cols) {
        if (c.link) {
          const a = Sx.el('a', { href: Sx.trialUrl(name, t.number), title: 'open trial ' + t.number, text: String(t.number) });
          tr.append(Sx.el('td', { class: 'num' }, a));
        } else {
          tr.append(Sx.el('td', { class: c.num ? 'num' : '', text: Sx.fmt(c.get(t)) }));
        }
      }
      frag.append(tr);
    }
    tbody.append(frag);
    $('table-count').textContent = rows.length + ' of ' + state.trials.length + ' trials';
    renderTableLegend();
    table.dataset.rendered = 'true';
    table.dataset.points = String(rows.length);
  }

  // what the row colours of the table mean (the infeasible one only where there are outcome constraints)
  function renderTableLegend() {
    const legend = Sx.clear($('table-legend'));
    if (multi()) {
      legend.append(Sx.el('span', { class: 'key pareto', text: 'Pareto-optimal trial' }));
      if (beyondThresholds().size) legend.append(Sx.el('span', { class: 'key beyond', text: 'not dominated, but worse than a threshold' }));
    }
    else legend.append(Sx.el('span', { class: 'key best', text: 'best trial' }));
    if (state.summary.outcomeConstraints.length) {
      legend.append(Sx.el('span', { class: 'key infeasible', text: 'infeasible: violates ' + state.summary.outcomeConstraints.join(', ') }));
    }
    legend.append(Sx.el('span', { class: 'muted small', text: 'Click a trial number for its page.' }));
  }

  function fillMetricSelect() {
    const sel = $('metric');
    if (sel.options.length) return;
    // one slice panel per parameter for the selected metric; each objective (and constraint metric) is selectable
    for (const m of state.summary.metrics) {
      const o = state.summary.objectives.find(x => x.metric === m);
      sel.append(Sx.el('option', { value: m, text: m + (o ? (multi() ? ' (objective, ' + o.goal + ')' : ' (objective)') : ' (constraint)') }));
    }
  }

  // ---------- refresh loop ----------
  // one refresh at a time; a forced one (the metric was changed) asked for while another runs follows it at once,
  // rather than being dropped (the 2-s poll does not redraw the model when the trials did not change)
  let busy = false, forcePending = false;
  async function refresh(forceModel) {
    if (busy) { forcePending = forcePending || forceModel; return; }
    busy = true;
    try {
      const s = await Sx.api(Sx.apiUrl(name));
      Sx.setLive(true);
      Sx.showError(null);
      state.summary = s;
      renderSummary();
      if (s.revision !== state.revision || forceModel) {
        const page = await Sx.api(Sx.apiUrl(name, '/trials?limit=100000'));
        state.trials = page.trials;
        state.pareto = s.multiObjective ? await Sx.api(Sx.apiUrl(name, '/pareto')) : null;
        state.revision = s.revision;
        fillMetricSelect();
        $('pareto-section').hidden = !s.multiObjective;
        if (s.multiObjective) renderPareto();
        renderHistory();
        renderParcoords();
        renderTable();
      }
      await renderModel(forceModel);
      document.body.dataset.loaded = 'true';
    } catch (e) {
      Sx.setLive(e.status !== undefined);
      Sx.showError(e.status === 404 ? e.message : 'Could not refresh: ' + e.message);
      if (e.status === undefined) window.__errors.push(String(e && e.stack || e));
    } finally {
      busy = false;
      if (forcePending) { forcePending = false; refresh(true); }
    }
  }

  $('filter').addEventListener('input', () => state.summary && renderTable());
  $('state-filter').addEventListener('change', () => state.summary && renderTable());
  $('metric').addEventListener('change', () => refresh(true));
  $('contour-x').addEventListener('change', () => renderContour().catch(e => Sx.showError(e.message)));
  $('contour-y').addEventListener('change', () => renderContour().catch(e => Sx.showError(e.message)));
  for (const r of document.querySelectorAll('input[name=contour-kind]')) r.addEventListener('change', () => renderContour().catch(e => Sx.showError(e.message)));

  refresh(false);
  setInterval(() => refresh(false), 2000);
})();
