// Boots the page: checks the browser can run Canvass, shows loading and failure messages in
// plain HTML, loads the wasm module, and publishes the read-only automation API
// (window.canvass, documented in docs/automation.md). External file: the CSP allows no inline script.
'use strict';

(function boot() {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('canvass-loading');
  const messageBox = document.getElementById('canvass-message');

  const messages = {
    file: ['Open this survey from a web address',
      'This page was opened as a file, so the browser will not run it. Ask the person who set it up for the web address, or run "scripts/run" and open the address it prints.'],
    webgl2: ['This browser cannot show the survey',
      'The survey needs WebGL 2, which this browser or computer has turned off. Please try an up-to-date Chrome, Edge, Firefox or Safari, or ask a member of staff for a paper copy.'],
    wasm: ['This browser cannot show the survey',
      'The survey needs WebAssembly, which this browser does not support or has turned off. Please try an up-to-date Chrome, Edge, Firefox or Safari, or ask a member of staff for a paper copy.'],
    load: ['The survey did not load',
      'Part of the survey could not be downloaded. Check your internet connection and reload the page.'],
    crash: ['Something went wrong',
      'The survey stopped unexpectedly. Please reload the page. Answers you already submitted are safe.'],
    contextLost: ['Restoring the display…',
      'The graphics system was reset. The survey will come back in a moment.'],
  };

  let failed = false;
  function showMessage(kind) {
    const [title, text] = messages[kind];
    document.getElementById('canvass-message-title').textContent = title;
    document.getElementById('canvass-message-text').textContent = text;
    messageBox.hidden = false;
    loading.hidden = true;
  }
  function fail(kind, detail) {
    if (failed) return;
    failed = true;
    canvas.classList.add('canvass-hidden');
    showMessage(kind);
    rejectReady(new Error(`Canvass could not start (${kind})${detail ? ': ' + detail : ''}`));
  }

  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {}); // a failed start is shown on the page; callers that await ready still see it

  // The automation API: reads only. Nothing here can change answers or submit.
  window.canvass = Object.freeze({
    ready,
    view() {
      if (!window.Module || !Module.calledRun) return { screen: failed ? 'error' : 'loading' };
      return JSON.parse(Module.UTF8ToString(Module._canvass_view_json()));
    },
  });

  if (location.protocol === 'file:') return fail('file');
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') return fail('wasm');
  if (!document.createElement('canvas').getContext('webgl2')) return fail('webgl2');

  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault(); // allow the browser to restore the context
    if (!failed) showMessage('contextLost');
  });
  canvas.addEventListener('webglcontextrestored', () => {
    if (!failed) messageBox.hidden = true;
  });
  // A press on a canvas text field keeps focus on the text element there (platform/web/text_input.js),
  // so a phone keyboard stays open; anywhere else the canvas takes the keyboard.
  canvas.addEventListener('pointerdown', (event) => {
    const onTextField = window.Module && Module.canvassTextTargetAt && Module.canvassTextTargetAt(event.clientX, event.clientY);
    if (!onTextField) canvas.focus();
  });

  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onCanvassReady() {
      loading.hidden = true;
      canvas.focus();
      resolveReady();
    },
    onCanvassFatal(kind) { fail(messages[kind] ? kind : 'crash'); },
    onAbort(reason) { fail(failed ? 'crash' : 'load', String(reason)); },
  };

  const script = document.createElement('script');
  script.src = 'canvass.js';
  script.onerror = () => fail('load', 'canvass.js');
  document.body.appendChild(script);
})();
