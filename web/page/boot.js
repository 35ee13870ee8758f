// Boots the page: checks the browser can run Canvass, shows loading and failure messages in
// plain HTML, fetches the survey manifest and the survey the link asks for (while the module
// downloads), loads the wasm module, and publishes the read-only automation API
// (window.canvass, documented in docs/automation.md). External file: the CSP allows no inline script.
'use strict';

(function boot() {
  // The survey manifest and the chosen survey file (docs/formats.md, "Survey manifest"), as text
  // for the module (platform::boot_documents). Only download failures are reported here; whether
  // the manifest is valid, and which survey a link means, is core's call (load_boot_survey), so
  // the browser and the CLI give the same messages. The choice below only picks the file to fetch.
  const surveyIdPattern = /^[a-z0-9-]{1,64}$/;
  const manifestFile = 'surveys/manifest.json';

  // A plain relative path inside surveys/: no scheme, host, '..', hidden names or escapes.
  function isSafeSurveyPath(path) {
    return typeof path === 'string' && path.length <= 200 && /^[A-Za-z0-9._\/-]+\.json$/.test(path) &&
      path.split('/').every((part) => part !== '' && !part.startsWith('.'));
  }

  async function fetchText(file) {
    let response;
    try {
      // Relative and same-origin only (the CSP's default-src 'self' also forbids anything else);
      // no-cache revalidates, so an officer's edit to the manifest shows on the next visit.
      response = await fetch(file, { mode: 'same-origin', credentials: 'same-origin', cache: 'no-cache' });
    } catch {
      throw new Error(`${file} could not be downloaded: there is no connection to the server (the device may be offline)`);
    }
    if (!response.ok) {
      throw new Error(`${file} could not be downloaded: the server answered ${response.status} ${response.statusText}`.trimEnd());
    }
    try {
      return await response.text();
    } catch {
      throw new Error(`${file} could not be downloaded: the connection broke while it was downloading`);
    }
  }

  async function fetchBootDocuments(search) {
    // Bounded, so a long junk parameter cannot grow messages; core never repeats an invalid id.
    const requested = (new URLSearchParams(search).get('survey') || '').slice(0, 100);
    const documents = {
      requestedSurveyId: requested, manifestFile, manifestText: '', surveyFile: '', surveyText: '', error: '',
    };
    try {
      documents.manifestText = await fetchText(manifestFile);
      let manifest;
      try { manifest = JSON.parse(documents.manifestText); } catch { return documents; }
      if (!manifest || typeof manifest !== 'object') return documents;
      if (requested && !surveyIdPattern.test(requested)) return documents;
      const surveys = Array.isArray(manifest.surveys) ? manifest.surveys : [];
      const fallback = surveys.length === 1 && surveys[0] ? surveys[0].id : undefined;
      const id = requested || (typeof manifest.default === 'string' ? manifest.default : fallback);
      const entry = surveys.find((candidate) => candidate && candidate.id === id);
      if (!entry || !isSafeSurveyPath(entry.file)) return documents;
      documents.surveyFile = 'surveys/' + entry.file;
      documents.surveyText = await fetchText(documents.surveyFile);
    } catch (error) {
      documents.error = error.message;
    }
    return documents;
  }

  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('canvass-loading');
  const messageBox = document.getElementById('canvass-message');

  const messages = {
    file: ['Open this survey from a web address',
      'This page was opened as a file, so the browser will not run it. Ask the person who set it up for the web address, or run "scripts/run" and open the address it prints.'],
    wasm: ['This browser cannot show the survey',
      'The survey needs WebAssembly, which this browser does not support or has turned off. Please try an up-to-date Chrome, Edge, Firefox or Safari, or ask a member of staff for a paper copy.'],
    load: ['The survey did not load',
      'Part of the survey could not be downloaded. Check your internet connection and reload the page.'],
    crash: ['Something went wrong',
      'The survey stopped unexpectedly. Please reload the page. Answers you already submitted are safe.'],
    contextLost: ['Restoring the display…',
      'The graphics system was reset. The survey will come back in a moment.'],
    otherTab: ['The survey is already open',
      'The survey is open in another tab or window on this device, and only one can save answers. Please use that one. If you close it, this page will carry on by itself.'],
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

  let bootFetch = null;     // started once the browser is known to run Canvass
  let bootDocuments = null;  // what it fetched, once done

  // The automation API: reads only. Nothing here can change answers or submit.
  window.canvass = Object.freeze({
    ready,
    view() {
      if (failed) return { screen: 'error' };
      if (!window.Module || !Module.calledRun) return { screen: 'loading' };
      return JSON.parse(Module.UTF8ToString(Module._canvass_view_json()));
    },
    boot() {
      if (!bootDocuments) return { state: failed ? 'failed' : 'fetching' };
      const status = {
        state: 'fetched',
        requestedSurveyId: bootDocuments.requestedSurveyId,
        manifestFile: bootDocuments.manifestFile,
        surveyFile: bootDocuments.surveyFile,
        fetchError: bootDocuments.error,
      };
      if (window.Module && Module.calledRun) {
        Object.assign(status, { state: 'started' }, JSON.parse(Module.UTF8ToString(Module._canvass_boot_json())));
      }
      return status;
    },
  });

  if (location.protocol === 'file:') return fail('file');
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') return fail('wasm');
  // Without WebGL 2 the module still runs, as HTML only (onCanvassHtmlOnly below).

  // Before the module, so the downloads overlap; the module waits for it (preRun below).
  bootFetch = fetchBootDocuments(location.search).then((documents) => { bootDocuments = documents; return documents; });

  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault(); // allow the browser to restore the context
    if (!failed) showMessage('contextLost');
  });
  canvas.addEventListener('webglcontextrestored', () => {
    if (!failed) messageBox.hidden = true;
  });
  // A press on a canvas text field keeps focus on the text element there (platform/web/text_input.js),
  // so a phone keyboard stays open; anywhere else the canvas takes the keyboard (it is out of the
  // Tab order, so only a press puts it there).
  canvas.addEventListener('pointerdown', (event) => {
    const onTextField = window.Module && Module.canvassTextTargetAt && Module.canvassTextTargetAt(event.clientX, event.clientY);
    if (!onTextField) canvas.focus();
  });

  // An event kiosk (docs/kiosk.md) is locked down as far as a page can be: no text selection,
  // context menu or pinch-zoom (the app's own text-size buttons still work), full screen from the
  // first tap (browsers need a gesture for it), and a warning before the page is left. The
  // operating system's own kiosk mode does the rest.
  let lockedDown = false;
  let kioskActive = false;  // false again once staff leave kiosk mode: every handler below checks it
  function lockDownForKiosk() {
    kioskActive = true;
    document.documentElement.classList.add('canvass-kiosk');
    if (lockedDown) return;
    lockedDown = true;
    document.addEventListener('contextmenu', (event) => { if (kioskActive) event.preventDefault(); });
    // Two-finger gestures are pinches; one finger still scrolls and taps. (Not user-scalable=no
    // in the viewport: that also stops zoom the person's own settings ask for, WCAG 1.4.4.)
    document.addEventListener('touchmove', (event) => { if (kioskActive && event.touches.length > 1) event.preventDefault(); }, { passive: false });
    // pointerup, not pointerdown: for a finger, browsers grant full screen only as the tap ends.
    document.addEventListener('pointerup', () => {
      if (kioskActive && !document.fullscreenElement && document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(() => {});  // refused (an iframe, a policy): carry on
      }
    });
    window.addEventListener('beforeunload', (event) => {
      if (updating || !kioskActive) return;  // the kiosk reloading itself into a new version, between respondents
      event.preventDefault();
      event.returnValue = '';
    });
    listenForStaff();
    keepOffline();
  }

  // The hidden ways to the staff PIN prompt (docs/kiosk.md): Ctrl+Alt+A on a keyboard, or a
  // finger (or mouse button) held still on the top-left corner for three seconds. Core opens it
  // only between respondents.
  const kCornerPx = 64;
  const kHoldMs = 3000;
  function listenForStaff() {
    const openStaff = () => { if (kioskActive) Module.ccall('canvass_staff_gesture', null, [], []); };
    document.addEventListener('keydown', (event) => {
      // Not AltGr+A: on Windows AltGr reports Ctrl+Alt, and Polish types "ą" with it.
      if (event.ctrlKey && event.altKey && event.code === 'KeyA' && !event.getModifierState('AltGraph')) {
        event.preventDefault();
        openStaff();
      }
    }, true);
    let hold = null;
    const letGo = () => { if (hold) clearTimeout(hold.timer); hold = null; };
    document.addEventListener('pointerdown', (event) => {
      letGo();
      if (!kioskActive || event.clientX > kCornerPx || event.clientY > kCornerPx) return;
      hold = { x: event.clientX, y: event.clientY, timer: setTimeout(() => { hold = null; openStaff(); }, kHoldMs) };
    }, true);
    document.addEventListener('pointermove', (event) => {
      if (hold && Math.hypot(event.clientX - hold.x, event.clientY - hold.y) > 16) letGo();
    }, true);
    for (const type of ['pointerup', 'pointercancel']) document.addEventListener(type, letGo, true);
  }

  // Staff left kiosk mode: the page is an ordinary survey page again, and its address loses the
  // kiosk settings, so a reload does not make it a kiosk once more.
  function leaveKiosk() {
    kioskActive = false;
    document.documentElement.classList.remove('canvass-kiosk');
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
    const address = new URL(location.href);
    for (const name of [...address.searchParams.keys()]) if (name === 'kiosk' || name.startsWith('kiosk-')) address.searchParams.delete(name);
    history.replaceState(history.state, '', address.href);
    forgetOffline();
  }

  // The kiosk keeps working offline (web/page/sw.js). A new version, once downloaded, takes over
  // only when nobody is answering: on the attract screen, with no response under way.
  let updating = false;
  let worker = null;
  let offlineChecked = false;
  const kUpdateCheckMs = 5 * 60 * 1000;
  function keepOffline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;  // docs/kiosk.md: HTTPS or localhost
    let hadVersion = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.register('sw.js').then((registration) => { worker = registration; })
      .catch((error) => console.warn(`Canvass: offline support is off: ${error.message}`));
    // A kiosk may sit on its attract screen all day without a reload: look for a new version now
    // and then (the browser fetches only sw.js, and only when online), and hand over if idle.
    setInterval(() => {
      if (worker) worker.update().catch(() => {});
      updateBetweenRespondents();
    }, kUpdateCheckMs);
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (!hadVersion) {  // the first install taking charge: this page is the version it brought
        hadVersion = true;
        return;
      }
      updating = true;
      location.reload();
    });
  }
  // A device that stopped being a kiosk (?kiosk=0) drops the offline copy, so it gets each new
  // version as any browser does.
  function forgetOffline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.getRegistrations()
      .then((registrations) => Promise.all(registrations.map((registration) => registration.unregister())))
      .then(() => caches.keys())
      .then((names) => Promise.all(names.filter((name) => name.startsWith('canvass-')).map((name) => caches.delete(name))))
      .catch(() => {});
  }
  function updateBetweenRespondents() {
    if (!worker || !worker.waiting) return;
    const current = window.canvass.view();
    if (current.screen === 'welcome' && !current.response) worker.waiting.postMessage('canvass-activate');
  }

  window.Module = {
    canvas,
    // main() waits until the manifest and survey are fetched (or failed: the app shows why).
    preRun: [() => {
      Module.addRunDependency('canvass-boot-documents');
      bootFetch.then((documents) => {
        Module.canvassBoot = documents;
        Module.removeRunDependency('canvass-boot-documents');
      });
    }],
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    // The keyboard starts in the page, not the canvas: Tab goes through the accessible layer,
    // and the canvas shows its focus ring (docs/accessibility.md, "Keyboard").
    onCanvassReady() {
      loading.hidden = true;
      resolveReady();
    },
    // Tab past the canvas's last control, after a click put the keyboard there.
    onCanvassTabOut(backwards) { if (window.canvassSemantics) window.canvassSemantics.enter(backwards); },
    // No WebGL 2: the accessible HTML layer becomes the page (docs/accessibility.md).
    onCanvassHtmlOnly() {
      canvas.hidden = true;  // out of the layout too, or its width would scroll a narrow page sideways
      const layer = document.getElementById('canvass-semantics');
      layer.classList.remove('canvass-visually-hidden');
      layer.classList.add('canvass-html-only');
    },
    // After a frame in which the view changed: the accessible layer rebuilds (web/page/semantics.js).
    onCanvassViewChanged(kiosk) {
      if (window.canvassSemantics) window.canvassSemantics.update();
      if (kiosk) {
        lockDownForKiosk();
        updateBetweenRespondents();
      } else if (kioskActive) {
        leaveKiosk();
      } else if (!offlineChecked) {
        offlineChecked = true;
        forgetOffline();
      }
    },
    // From platform/web/storage.pre.js, before the app starts. Only one tab may use the store.
    onCanvassStorage(state) {
      if (state !== 'otherTab' || failed) return;
      canvas.classList.add('canvass-hidden');
      showMessage('otherTab');
    },
    // Test and benchmark exports (docs/automation.md) answer only on a page opened with ?test-exports.
    canvassTestExports: new URLSearchParams(location.search).has('test-exports'),
    onAbort(reason) { fail(failed ? 'crash' : 'load', String(reason)); },
  };

  const script = document.createElement('script');
  script.src = 'canvass.js';
  script.onerror = () => fail('load', 'canvass.js');
  document.body.appendChild(script);
})();
