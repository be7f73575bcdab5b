'use strict';
(function () {
  const tbody = document.querySelector('#studies tbody');
  let last = '';
  async function refresh() {
    try {
      const studies = await Sx.api('/api/studies');
      Sx.setLive(true);
      Sx.showError(null);
      const sig = JSON.stringify(studies.map(s => [s.name, s.revision]));
      if (sig === last) return;
      last = sig;
      Sx.clear(tbody);
      for (const s of studies) {
        const link = Sx.el('a', { href: Sx.studyUrl(s.name) });
        link.textContent = s.name;
        tbody.append(Sx.el('tr', null,
          Sx.el('td', null, link),
          Sx.el('td', { text: s.objectives.map(o => o.goal + ' ' + o.metric).join(', ') }),
          Sx.el('td', { class: 'num', text: String(s.total) }),
          Sx.el('td', { class: 'num', text: String(s.counts.COMPLETED) }),
          Sx.el('td', { class: 'num', text: String(s.counts.RUNNING) }),
          Sx.el('td', { class: 'num', text: String(s.counts.CANDIDATE) }),
          Sx.el('td', { class: 'num', text: String(s.counts.FAILED) }),
          Sx.el('td', { class: 'num', text: String(s.counts.ABANDONED) }),
          Sx.el('td', { class: 'num', text: s.pareto ? 'front ' + s.pareto.size + ', hv ' + Sx.fmt(s.pareto.hypervolume)
            : Sx.fmt(s.bestValue) })));
      }
      document.getElementById('empty').hidden = studies.length > 0;
      document.body.dataset.loaded = String(studies.length);
    } catch (e) {
      Sx.setLive(false);
      Sx.showError('Could not load the studies: ' + e.message);
    }
  }
  refresh();
  setInterval(refresh, 3000);
})();
