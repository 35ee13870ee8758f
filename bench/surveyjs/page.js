// Renders the default survey with SurveyJS (survey-core + survey-js-ui, their UMD builds), the
// reference side of bench/side_by_side.mjs. Fetches the same JSON file Canvass ships and renders
// it as SurveyJS's documentation shows; nothing is tuned for the benchmark. window.surveyBench is
// what the bench script reads: the model, the versions loaded, and a promise for the first render.
'use strict';

window.surveyBench = (function start() {
  const bench = { model: null, versions: {}, error: '' };
  bench.ready = fetch('assets/surveys/diz-digital-needs.json')
    .then((response) => {
      if (!response.ok) throw new Error(`survey JSON: HTTP ${response.status}`);
      return response.json();
    })
    .then((json) => {
      const model = new Survey.Model(json);
      bench.model = model;
      bench.versions = { surveyCore: Survey.Version };
      SurveyUI.renderSurvey(model, document.getElementById('survey'));
      return bench.versions;
    })
    .catch((error) => {
      bench.error = String(error && error.message || error);
      throw error;
    });
  return bench;
})();
