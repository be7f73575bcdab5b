'use strict';
// One trial: GET /api/studies/{name}/trials/{number} (with notes) and the study summary (metrics, constraints).
// Refreshes every 3 s while the trial is not finished.
(function () {
  const params = new URLSearchParams(location.search);
  const name = params.get('name');
  const number = Number(params.get('number'));
  const $ = (id) => document.getElementById(id);
  if (!name || !Number.isInteger(number) || number < 1) {
    Sx.showError('Open this page as /trial.html?name=<study>&number=<trial number>.');
    return;
  }
  document.title = 'Sextant · ' + name + ' · trial ' + number;
  $('study-link').href = Sx.studyUrl(name);
  $('study-link').textContent = name;
  $('trial-title').textContent = 'trial ' + number;

  function rows(tbody, list) {
    Sx.clear(tbody);
    for (const cells of list) tbody.append(Sx.el('tr', null, ...cells.map(c => Sx.el('td', { class: typeof c === 'number' ? 'num' : '', text: Sx.fmt(c) }))));
  }

  function duration(t) {
    const ms = Date.parse(t.updated) - Date.parse(t.created);
    if (!Number.isFinite(ms)) return '';
    const s = ms / 1000;
    return s < 120 ? s.toFixed(1) + ' s' : s < 7200 ? (s / 60).toFixed(1) + ' min' : (s / 3600).toFixed(1) + ' h';
  }

  function render(summary, t) {
    const finished = ['COMPLETED', 'FAILED', 'ABANDONED'].includes(t.state);
    $('state').textContent = t.state.toLowerCase();
    $('state').className = 'big small-big pill ' + t.state;
    const constraints = summary.outcomeConstraints;
    $('feasibility').textContent = t.state !== 'COMPLETED' ? ''
      : !constraints.length ? 'the study has no outcome constraints'
      : t.feasible ? 'feasible: meets ' + constraints.join(', ') : 'infeasible: violates ' + constraints.join(', ');
    if (summary.best && summary.best.number === t.number) $('feasibility').textContent += ' · the best trial so far';
    $('generator').textContent = t.generator || 'unknown';
    $('worker').textContent = t.worker ? 'worker ' + t.worker : 'no worker recorded';
    $('duration').textContent = (finished ? '' : 'running for ') + duration(t);
    $('times').textContent = 'created ' + t.created + (finished ? ' · finished ' : ' · last update ') + t.updated;

    rows($('parameters').tBodies[0], Object.entries(t.parameters).map(([k, v]) => [k, v]));
    const objectiveOf = (m) => summary.objectives.find(o => o.metric === m);
    const role = (m) => objectiveOf(m) ? 'objective (' + objectiveOf(m).goal + ')'
      : constraints.filter(c => c.split(/\s/)[0] === m).join(', ') || 'tracked';
    rows($('values').tBodies[0], summary.metrics.filter(m => t.values[m] !== undefined)
      .map(m => [m, t.values[m], t.sems[m] === null || t.sems[m] === undefined ? 'unknown' : t.sems[m], role(m)]));
    $('values-note').textContent = Object.keys(t.values).length ? 'SEM: the standard error the evaluation reported ("unknown" when it gave none).'
      : 'No values: the trial is ' + t.state.toLowerCase() + '.';
    $('failure-card').hidden = !t.failureReason;
    $('failure').textContent = t.failureReason || '';
    const notes = Object.entries(t.notes || {});
    rows($('notes').tBodies[0], notes);
    $('notes').hidden = notes.length === 0;
    $('no-notes').hidden = notes.length > 0;
    $('generation').textContent = JSON.stringify(t.generation, null, 2);
    const choice = (t.generation || {}).model_choice || {};
    const loo = (v) => v === null || v === undefined ? 'failed' : Number(v).toFixed(2);
    rows($('model-choice').tBodies[0], Object.entries(choice).map(([m, c]) => [m, c.model, c.transform, loo(c.loo),
      (c.candidates || []).map(k => k.model + ' ' + (String(k.transform).startsWith('skipped')
        ? 'skipped (same as untransformed)' : loo(k.loo))).join(' · ')]));
    $('model-card').hidden = Object.keys(choice).length === 0;
    const pf = (t.generation || {}).predicted_feasibility;
    $('model-feasibility').textContent = typeof pf === 'number'
      ? 'Predicted probability that this trial meets every outcome constraint: ' + pf.toFixed(3) + '.' : '';

    $('prev').hidden = t.number <= 1;
    $('prev').href = Sx.trialUrl(name, t.number - 1);
    $('next').hidden = t.number >= summary.total;
    $('next').href = Sx.trialUrl(name, t.number + 1);
    document.body.dataset.loaded = 'true';
    return finished;
  }

  let timer = null;
  async function refresh() {
    try {
      const [summary, t] = await Promise.all([Sx.api(Sx.apiUrl(name)), Sx.api(Sx.apiUrl(name, '/trials/' + number))]);
      Sx.setLive(true);
      Sx.showError(null);
      if (render(summary, t) && timer !== null) { clearInterval(timer); timer = null; }
    } catch (e) {
      Sx.setLive(e.status !== undefined);
      Sx.showError(e.status === 404 ? e.message : 'Could not load the trial: ' + e.message);
      if (e.status === undefined) window.__errors.push(String(e && e.stack || e));
      document.body.dataset.loaded = 'error';
    }
  }
  refresh();
  timer = setInterval(refresh, 3000);
})();
