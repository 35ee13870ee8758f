// The accessible layer over the canvas (docs/accessibility.md): real HTML headings, fieldsets,
// native inputs and buttons, generated from the same view-model the canvas draws
// (window.canvass.view()), rebuilt whenever the app says the view changed. What a control here
// does goes back to core as a request (core/app/semantic_intents.h), exactly as a canvas click
// does, so the two layers always show and change the same answers.
//
// Sections: 1. requests  2. building blocks  3. questions  4. screens  5. keeping focus
'use strict';

(function semantics() {
  const root = document.getElementById('canvass-semantics');
  if (!root) return;
  let screenKey = '';
  let words = {};  // the app's own words around questions, from core (view.words)
  // A screen with one question has it as its h1, as GOV.UK's question pages do; with several,
  // the progress line is the h1 and each question an h2.
  let questionHeading = 'h2';

  // --- 1. requests ------------------------------------------------------------------------------
  function send(request) {
    const refusal = Module.ccall('canvass_semantic_request', 'string', ['string'], [JSON.stringify(request)]);
    if (refusal) console.warn(`Canvass: the request ${JSON.stringify(request)} was refused: ${refusal}`);
  }

  // --- 2. building blocks -----------------------------------------------------------------------
  function make(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key in node && typeof value !== 'string') node[key] = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const idFor = (name, suffix = '') => `canvass-q-${name}${suffix}`.replace(/[^A-Za-z0-9_-]/g, '_');
  // The canvas's id for the same control (docs/automation.md, "Control ids"): focus here moves
  // the canvas's focus ring there.
  const canvasId = (q, part) => `q:${q.name}:${part}`;

  // Survey html as the canvas draws it: core's safe subset (view htmlBlocks), rebuilt here as
  // paragraphs, headings, nested lists, bold, italic and links. No markup from the survey file
  // reaches the page, so nothing in it can run or load.
  function runNodes(block) {
    return block.runs.flatMap((run) => {
      const lines = run.text.split('\n').flatMap((line, i) => (i ? [make('br'), line] : [line]));
      const safeHref = run.href && /^(https?:|mailto:|tel:)/i.test(run.href) ? run.href : null;
      let node = safeHref ? make('a', { href: safeHref, target: /^https?:/i.test(safeHref) ? '_blank' : undefined, rel: 'noopener' }, lines) : null;
      if (run.italic) node = make('em', {}, node ? [node] : lines);
      if (run.bold) node = make('strong', {}, node ? [node] : lines);
      return node ? [node] : lines;
    });
  }

  function htmlBlocks(blocks) {
    const nodes = [];
    const lists = [];  // the open lists, innermost last: { level, node }
    let heading = 1;  // under the screen's h1; a survey's headings may not skip a level (h2 then h4)
    for (const block of blocks || []) {
      if (block.kind !== 'bullet' && block.kind !== 'numbered') {
        lists.length = 0;
        if (block.kind === 'heading') heading = Math.min(block.level, heading + 1);
        nodes.push(make(block.kind === 'heading' ? `h${heading}` : 'p', {}, runNodes(block)));
        continue;
      }
      const tag = block.kind === 'bullet' ? 'UL' : 'OL';
      while (lists.length && (lists.at(-1).level > block.level || (lists.at(-1).level === block.level && lists.at(-1).node.tagName !== tag))) lists.pop();
      if (!lists.length || lists.at(-1).level < block.level) {
        const list = make(tag.toLowerCase());
        if (lists.length) (lists.at(-1).node.lastElementChild || lists.at(-1).node).append(list);
        else nodes.push(list);
        lists.push({ level: block.level, node: list });
      }
      lists.at(-1).node.append(make('li', {}, runNodes(block)));
    }
    return nodes;
  }

  function button(control, onPress) {
    return make('button', {
      type: 'button', text: control.label, 'data-control': control.id, disabled: !control.enabled,
      // "Polski" is Polish on an English page (WCAG 3.1.2), so a screen reader says it rightly.
      lang: control.group === 'language' ? control.id.replace(/^language_/, '') : undefined,
      'aria-pressed': control.kind === 'toggle' ? String(control.selected) : undefined,
      onclick: onPress || (() => send({ control: control.id })),
    });
  }

  // --- 3. questions -----------------------------------------------------------------------------
  // A fieldset and legend for the question, its description and its error, then the controls.
  function questionGroup(q, controls, { group = true } = {}) {
    const describedBy = [];
    const parts = [];
    if (q.description) {
      parts.push(make('p', { id: idFor(q.name, '-hint'), class: 'canvass-hint', text: q.description }));
      describedBy.push(idFor(q.name, '-hint'));
    }
    if (q.limitHint) {
      parts.push(make('p', { id: idFor(q.name, '-limit'), class: 'canvass-hint', text: q.limitHint }));
      describedBy.push(idFor(q.name, '-limit'));
    }
    for (const [i, error] of (q.errors || []).entries()) {
      parts.push(make('p', { id: idFor(q.name, `-error${i}`), class: 'canvass-error', text: `${words.error}: ${error}` }));
      describedBy.push(idFor(q.name, `-error${i}`));
    }
    const title = q.title + (q.required && q.requiredMarker ? ` ${q.requiredMarker}` : '');
    if (!group) return { title, parts, describedBy: describedBy.join(' ') || undefined };
    return make('fieldset', { id: idFor(q.name), 'aria-describedby': describedBy.join(' ') || undefined,
      'aria-invalid': (q.errors || []).length ? 'true' : undefined }, [
      make('legend', {}, [make(questionHeading, { tabindex: '-1', text: title })]), ...parts, ...controls]);
  }

  function choiceInput(q, type, choice, index, checked, onChange, control) {
    const id = idFor(q.name, `-${index}`);
    return make('div', { class: 'canvass-choice' }, [
      make('input', { type, id, name: q.name, checked, onchange: onChange, 'data-control': control }),
      make('label', { for: id, text: choice.text }),
    ]);
  }

  function otherField(q) {
    const selected = Array.isArray(q.value) ? q.value.includes('other') : q.value === 'other';
    if (!selected) return null;
    const id = idFor(q.name, '-other');
    return make('div', {}, [
      make('label', { for: id, text: words.otherSpecify }),
      make('input', { type: 'text', id, value: q.comment || '', 'data-control': canvasId(q, 'other'),
        oninput: (e) => send({ comment: q.name, typed: e.target.value }) }),
    ]);
  }

  function question(q) {
    switch (q.type) {
      case 'html':
        return make('div', { class: 'canvass-html' }, htmlBlocks(q.htmlBlocks));
      case 'radiogroup':
        return questionGroup(q, [...(q.choices || []).map((c, i) => choiceInput(q, 'radio', c, i, same(q.value, c.value),
          () => send({ answer: q.name, value: c.value }), canvasId(q, `choice:${i}`))), otherField(q)]);
      case 'checkbox':
        return questionGroup(q, [...(q.choices || []).map((c, i) => choiceInput(q, 'checkbox', c, i,
          Array.isArray(q.value) && q.value.some((v) => same(v, c.value)), () => send({ toggle: q.name, value: c.value }),
          canvasId(q, `choice:${i}`))), otherField(q)]);
      case 'rating':
        return questionGroup(q, (q.rateValues || []).map((c, i) => choiceInput(q, 'radio', c, i, same(q.value, c.value),
          () => send({ answer: q.name, value: c.value }), canvasId(q, `rate:${i}`))));
      case 'boolean':
        return questionGroup(q, [[true, q.labelTrue || 'Yes'], [false, q.labelFalse || 'No']].map(([value, text], i) =>
          choiceInput(q, 'radio', { value, text }, i, q.value === value, () => send({ answer: q.name, value }), canvasId(q, String(value)))));
      case 'dropdown': {
        const { title, parts, describedBy } = questionGroup(q, [], { group: false });
        const select = make('select', { id: idFor(q.name), 'aria-describedby': describedBy, 'data-control': canvasId(q, 'combobox'),
          onchange: (e) => send({ answer: q.name, value: e.target.value === '' ? null : JSON.parse(e.target.value) }) },
        [make('option', { value: '', text: words.chooseAnswer }),
          ...(q.choices || []).map((c) => make('option', { value: JSON.stringify(c.value), text: c.text, selected: same(q.value, c.value) }))]);
        return make('div', { class: 'canvass-question' }, [make('label', { for: idFor(q.name) }, [make(questionHeading, { tabindex: '-1', text: title })]), ...parts, select, otherField(q)]);
      }
      case 'text':
      case 'comment': {
        const { title, parts, describedBy } = questionGroup(q, [], { group: false });
        const multiline = q.type === 'comment';
        const inputTypes = { email: 'email', tel: 'tel', number: 'number', url: 'url' };
        const field = make(multiline ? 'textarea' : 'input', {
          id: idFor(q.name), type: multiline ? undefined : inputTypes[q.inputType] || 'text', 'aria-describedby': describedBy,
          'data-control': canvasId(q, 'input'),
          maxlength: q.maxLength > 0 ? String(q.maxLength) : undefined, 'aria-invalid': (q.errors || []).length ? 'true' : undefined,
          oninput: (e) => send({ text: q.name, typed: e.target.value }),
        });
        field.value = q.value === null || q.value === undefined ? '' : String(q.value);
        return make('div', { class: 'canvass-question' }, [make('label', { for: idFor(q.name) }, [make(questionHeading, { tabindex: '-1', text: title })]), ...parts, field]);
      }
      case 'ranking': {
        const order = [...(Array.isArray(q.value) ? q.value : []).map((v) => (q.choices || []).find((c) => same(c.value, v))).filter(Boolean),
          ...(q.choices || []).filter((c) => !(Array.isArray(q.value) && q.value.some((v) => same(v, c.value))))];
        const move = (from, to) => {
          const values = order.map((c) => c.value);
          const [item] = values.splice(from, 1);
          values.splice(to, 0, item);
          send({ answer: q.name, value: values });
        };
        return questionGroup({ ...q, description: [q.description, words.rankingHint].filter(Boolean).join(' ') }, [make('ol', {}, order.map((c, i) => make('li', {}, [
          make('span', { text: c.text }), ' ',
          make('button', { type: 'button', text: `${words.moveUp}: ${c.text}`, disabled: i === 0, 'data-control': canvasId(q, `rank:${i}:up`), onclick: () => move(i, i - 1) }),
          make('button', { type: 'button', text: `${words.moveDown}: ${c.text}`, disabled: i === order.length - 1, 'data-control': canvasId(q, `rank:${i}:down`), onclick: () => move(i, i + 1) }),
        ])))]);
      }
      case 'matrix':
        return questionGroup(q, (q.rows || []).map((row, r) => {
          const rowQ = { name: `${q.name}-row${r}` };
          const chosen = q.value && typeof q.value === 'object' ? q.value[row.value] : undefined;
          return make('fieldset', {}, [make('legend', { text: row.text }),
            ...(q.columns || []).map((col, i) => choiceInput(rowQ, 'radio', col, i, same(chosen, col.value),
              () => send({ answer: q.name, value: { ...(q.value && typeof q.value === 'object' ? q.value : {}), [row.value]: col.value } }),
              canvasId(q, `row:${r}:col:${i}`)))]);
        }));
      default:
        return make('p', { text: q.title });
    }
  }

  // --- 4. screens -------------------------------------------------------------------------------
  // The results dashboard (docs/dashboard.md): every chart as a real table with a caption, the
  // filters as buttons and a select, all reachable with Tab and worked with Enter or Space.
  function dashboardChart(chart, control) {
    const nodes = [];
    const caption = chart.subtitle ? `${chart.title}: ${chart.subtitle}` : chart.title;
    if (chart.message) nodes.push(chart.bars.length ? make('p', { text: chart.message }) : make('p', {}, [make('strong', { text: caption }), ` ${chart.message}`]));
    if (chart.bars.length) {
      const headings = chart.headings || [];
      nodes.push(make('div', { class: 'canvass-table-scroll' }, [make('table', {}, [
        make('caption', { text: caption }),
        make('thead', {}, [make('tr', {}, headings.map((h) => make('th', { scope: 'col', text: h })))]),
        make('tbody', {}, chart.bars.map((bar) => make('tr', {}, [
          make('th', { scope: 'row', text: bar.label }),
          make('td', { class: `canvass-number${bar.suppressed ? ' canvass-suppressed' : ''}`, text: bar.count }),
          make('td', { class: 'canvass-number', text: bar.percent || 'not shown' }),
          ...(headings.length > 3 ? [make('td', { class: 'canvass-number', text: bar.extra || '' })] : []),
        ]))),
      ])]));
    }
    for (const note of chart.notes || []) nodes.push(make('p', { class: 'canvass-hint', text: note }));
    const details = chart.details && control(chart.details);
    if (details) {
      nodes.push(make('button', { type: 'button', 'data-control': details.id, onclick: () => send({ control: details.id }) },
        [details.label, make('span', { class: 'canvass-visually-hidden', text: `: ${caption}` })]));
    }
    return nodes;
  }

  // A group of toggles as one select: its option values are the controls' ids.
  function controlSelect(id, label, members, placeholder) {
    const chosen = members.find((c) => c.selected);
    const options = members.map((c) => make('option', { value: c.id, text: c.label, selected: c.selected }));
    if (!chosen && placeholder) options.unshift(make('option', { value: '', text: placeholder, selected: true }));
    return make('div', { class: 'canvass-question' }, [
      make('label', { for: id, text: label }),
      make('select', { id, 'data-control': chosen ? chosen.id : members[0]?.id,
        onchange: (e) => { if (e.target.value) send({ control: e.target.value }); } }, options),
    ]);
  }

  function dashboard(view, nodes, control) {
    const d = view.dashboard || { charts: [] };
    const members = (group) => (view.controls || []).filter((c) => c.group === group);
    const segments = members('dashboard_segment'), areas = members('dashboard_area');
    if (segments.length || areas.length) {
      nodes.push(make('h2', { text: 'Show the answers of' }));
      if (segments.length) {
        nodes.push(make('div', { role: 'group', 'aria-labelledby': 'canvass-dashboard-segment' }, [
          make('p', { id: 'canvass-dashboard-segment', text: 'Segment' }), ...segments.map((c) => button(c))]));
      }
      if (areas.length) nodes.push(controlSelect('canvass-dashboard-area', 'Area', areas));
      if (d.source === 'file' && segments.length && areas.length) nodes.push(make('p', { class: 'canvass-hint', text: 'A results file shows one segment or one area at a time.' }));
    }
    for (const id of ['dashboard:crosstab', 'dashboard:download_report', 'dashboard:open_file']) if (control(id)) nodes.push(button(control(id)));
    const rows = members('dashboard_rows'), columns = members('dashboard_columns');
    if (rows.length) {
      nodes.push(controlSelect('canvass-dashboard-rows', 'Rows: the first question', rows, 'Choose a question'));
      nodes.push(controlSelect('canvass-dashboard-columns', 'Columns: the second question', columns, 'Choose a question'));
    }
    const crosstabs = members('dashboard_crosstabs');
    if (crosstabs.length) nodes.push(make('div', { role: 'group', 'aria-label': 'Comparisons in this file' }, crosstabs.map((c) => button(c))));
    if (d.message) nodes.push(make('p', { role: 'status', class: 'canvass-status', text: d.message }));
    if (d.crosstab) {
      const x = d.crosstab;
      nodes.push(make('div', { class: 'canvass-table-scroll' }, [make('table', {}, [
        make('caption', { text: x.title }),
        make('thead', {}, [make('tr', {}, [make('td'), ...x.columns.map((label) => make('th', { scope: 'col', text: label }))])]),
        make('tbody', {}, x.rows.map((row) => make('tr', {}, [make('th', { scope: 'row', text: row.label }),
          ...row.cells.map((text, i) => make('td', { class: `canvass-number${row.suppressed[i] ? ' canvass-suppressed' : ''}`, text }))]))),
      ])]));
    }
    let section = '';
    for (const chart of d.charts) {
      if (chart.section !== section) {
        section = chart.section;
        nodes.push(make('h2', { text: section }));
      }
      nodes.push(...dashboardChart(chart, control));
    }
  }

  function build(view) {
    const control = (id) => (view.controls || []).find((c) => c.id === id);
    const nodes = [];
    const languages = (view.controls || []).filter((c) => c.group === 'language');
    if (languages.length) nodes.push(make('nav', { 'aria-label': 'Language / Język' }, languages.map((c) => button(c))));
    if (control('back')) nodes.push(button(control('back')));
    const questions = view.screen === 'question' ? (view.elements || []).filter((e) => e.type !== 'html') : [];
    questionHeading = questions.length === 1 && !view.heading ? 'h1' : 'h2';
    const progressIsHeading = questions.length > 1 && !view.heading;
    if (view.progress) nodes.push(make(progressIsHeading ? 'h1' : 'p', { class: 'canvass-progress', tabindex: '-1', text: view.progress }));
    if ((view.errorSummary || []).length) {
      nodes.push(make('div', { role: 'alert', class: 'canvass-error-summary', 'aria-labelledby': 'canvass-error-title' }, [
        make('h2', { id: 'canvass-error-title', text: view.errorTitle }),
        make('ul', {}, view.errorSummary.map((e) => make('li', {}, [e.target
          ? make('a', { href: `#${idFor(e.target)}`, text: e.message, 'data-control': `error:${e.target}`, onclick: (event) => { event.preventDefault(); focusQuestion(e.target); } })
          : make('span', { text: e.message })]))),
      ]));
    }
    if (view.heading) nodes.push(make('h1', { tabindex: '-1', text: view.heading }));
    // A kiosk's staff screens: the outcome of the last action (before the figures on the staff
    // screen, after the instructions on the PIN screen), the typed digits' count, then the keys.
    const status = view.status ? make('p', { role: 'status', class: 'canvass-status', text: view.status }) : null;
    if (status && view.screen !== 'staff-pin') nodes.push(status);
    for (const text of view.paragraphs || []) nodes.push(make('p', { text }));
    if (status && view.screen === 'staff-pin') nodes.push(status);
    if (view.staff && view.staff.pinDigits >= 0) {
      nodes.push(make('p', { text: `PIN: ${view.staff.pinDigits} ${view.staff.pinDigits === 1 ? 'digit' : 'digits'} typed` }));
      const keys = (view.controls || []).filter((c) => c.group === 'keypad');
      nodes.push(make('div', { role: 'group', 'aria-label': 'PIN keypad' }, keys.map((c) => button(c))));
    }
    if (view.loading) {
      nodes.push(make('p', { id: 'canvass-loading-stage', text: view.loading.stage }));
      nodes.push(make('progress', { max: '100', value: String(view.loading.percent), 'aria-labelledby': 'canvass-loading-stage', text: `${view.loading.percent}%` }));
    }
    for (const c of (view.controls || []).filter((c) => c.group === 'staff')) nodes.push(button(c));
    if (control('dashboard:back')) nodes.unshift(button(control('dashboard:back')));
    if (view.screen === 'dashboard') dashboard(view, nodes, control);
    if (view.privacySummary) nodes.push(make('p', { text: view.privacySummary }));
    const privacy = control('privacy_notice');
    if (privacy) nodes.push(make('p', {}, [make('a', { href: privacy.value, text: privacy.label, target: '_blank', rel: 'noopener', 'data-control': privacy.id })]));
    if (view.screen === 'question') for (const q of view.elements || []) nodes.push(question(q));
    if (view.screen === 'check-answers' && (view.answers || []).length) {
      nodes.push(make('dl', {}, view.answers.flatMap((row) => [
        make('dt', { text: row.question }),
        make('dd', { text: row.answer }),
        make('dd', {}, [make('button', { type: 'button', 'data-control': `change:${row.name}`, onclick: () => send({ control: `change:${row.name}` }) },
          [control(`change:${row.name}`)?.label || 'Change', make('span', { class: 'canvass-visually-hidden', text: ` ${row.question}` })])]),
      ])));
    }
    if (view.reference) nodes.push(make('p', { class: 'canvass-reference', text: view.reference }));
    if (view.completedHtmlBlocks) nodes.push(make('div', {}, htmlBlocks(view.completedHtmlBlocks)));
    for (const id of ['start', 'resume', 'still_here', 'continue', 'submit']) if (control(id)) nodes.push(button(control(id)));
    if (view.screen === 'welcome' && (view.elements || []).length) for (const q of view.elements) nodes.push(question(q));
    if (control('open_results_file')) {
      if (view.resultsFileHint) nodes.push(make('p', { text: view.resultsFileHint }));
      nodes.push(button(control('open_results_file')));
    }
    const footer = (view.controls || []).filter((c) => c.id === 'start_again' || c.group === 'text_size' || c.group === 'contrast');
    if (footer.length) nodes.push(make('div', { class: 'canvass-settings' }, footer.map((c) => button(c))));
    return nodes;
  }

  // The browser's own text size (CSS "medium"), measured once: the app reads it only at start-up
  // too, and measuring forces a style recalculation, which every rebuild need not pay for.
  let browserPercent = 0;
  function browserTextSizePercent() {
    if (browserPercent) return browserPercent;
    const probe = make('div');
    Object.assign(probe.style, { position: 'absolute', visibility: 'hidden', fontSize: 'medium' });  // CSSOM: the CSP allows it
    document.body.append(probe);
    browserPercent = parseFloat(getComputedStyle(probe).fontSize) / 16 * 100 || 100;
    probe.remove();
    return browserPercent;
  }

  // --- 5. keeping focus -------------------------------------------------------------------------
  function focusQuestion(name) {
    const target = root.querySelector(`#${CSS.escape(idFor(name))}`);
    if (!target) return;
    const first = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea, button');
    (first || target).focus();
  }

  // Rebuilds the layer. Focus inside it stays on the same control (a text field keeps its node,
  // so the caret and what is being typed are untouched); on a new screen it goes to the heading.
  function update() {
    if (!window.canvass || !window.Module || !Module.calledRun) return;
    const view = window.canvass.view();
    if (!view || !view.screen || view.screen === 'loading' || view.screen === 'error') return;
    // Which screen this is, whatever the language: a change of language keeps the focus where it is.
    const key = `${view.screen}|${(view.elements || []).map((e) => e.name).join(',')}`;
    const active = root.contains(document.activeElement) ? document.activeElement : null;
    const activeId = active && active.id;
    const activeControl = active && active.getAttribute('data-control');
    const keepTyping = active && key === screenKey && activeId && active.matches('input[type=text], input:not([type]), input[type=email], input[type=tel], input[type=number], input[type=url], textarea');
    words = view.words || {};
    // Screen readers pick their voice from the page's language; the settings also style the
    // layer when it is the page (no WebGL 2).
    document.documentElement.lang = view.locale || 'en';
    root.classList.toggle('canvass-high-contrast', !!view.highContrast);
    // The app's text size counts the browser's own text-size setting in (web_app.cpp), which the
    // page's CSS already follows: scale by what the app adds to it.
    root.style.fontSize = `${((view.textSizePercent || 100) / browserTextSizePercent()) * 100}%`;
    const fresh = build(view);
    if (keepTyping) {
      const replaced = fresh.map((node) => node.querySelector && node.querySelector(`#${CSS.escape(activeId)}`) ? node : null).find(Boolean);
      const twin = replaced && replaced.querySelector(`#${CSS.escape(activeId)}`);
      if (twin) twin.replaceWith(active);
    }
    const newScreen = key !== screenKey;
    screenKey = key;
    root.replaceChildren(...fresh);
    if (!active) return;
    if (newScreen) {
      // The screen's heading, or on a question screen the question's own heading; a screen of
      // information only starts at its progress line.
      const heading = root.querySelector('fieldset h1, label h1') || root.querySelector('h1') ||
        root.querySelector('fieldset h2, label h2') || root.querySelector('.canvass-progress');
      if (heading) heading.focus();
      return;
    }
    if (keepTyping) return active.focus();
    const again = (activeId && root.querySelector(`#${CSS.escape(activeId)}`)) ||
      (activeControl && root.querySelector(`[data-control="${CSS.escape(activeControl)}"]`));
    if (again) again.focus();
  }

  // The canvas's ring follows the focus here, so sighted keyboard users see where they are
  // (a heading or a paragraph has no canvas control: the ring goes).
  root.addEventListener('focusin', (event) => {
    const control = event.target.closest('[data-control]');
    Module.ccall('canvass_semantic_focus', null, ['string'], [control ? control.getAttribute('data-control') : '']);
  });

  // Tab past the canvas's last control (Shift+Tab before its first) carries on here.
  function enter(backwards) {
    const focusable = [...root.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select, textarea')];
    const target = backwards ? focusable[focusable.length - 1] : focusable[0];
    if (target) target.focus();
  }

  window.canvassSemantics = Object.freeze({ update, enter });
})();
