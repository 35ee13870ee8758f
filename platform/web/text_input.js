// The browser half of platform.h's text input (section 4): an invisible <input> or <textarea>
// kept over the canvas text field being edited, so phones open their keyboard, input methods
// compose (ą, ę, ł, ż, and scripts with IMEs), and paste, undo and the caret keys work as the
// browser does them. The element holds the text; the app draws it. Linked as an Emscripten
// --js-library, so it is part of canvass.js and the page's CSP (no inline script) holds.
//
// Sections:
//   1. State and elements
//   2. Element events: edits, keys passed on to the app, blur
//   3. Taps and clicks on text fields (focus inside the person's own gesture)
//   4. Functions the C++ side calls

mergeInto(LibraryManager.library, {
  // --- 1. State and elements -----------------------------------------------------------------
  $CanvassText: {
    input: null,        // <input> for one-line fields
    textarea: null,     // <textarea> for multi-line fields
    element: null,      // the one in use
    field: '',          // the canvas field it is bound to
    forwardListKeys: false,
    numeric: false,     // a number field: only number characters are kept
    suppressBlur: false,  // true while the page itself moves focus
    lastText: '', lastStart: 0, lastEnd: 0,  // what the app last knows
    edited: false,
    blurred: false,
    tapped: false,
    keys: [],           // 0 Tab, 1 Shift+Tab, 2 Enter, 3 Escape, 4 Up, 5 Down
    targets: [],
    touchStart: null,   // where the current touch began, to tell taps from scrolls

    canvas: function() { return Module['canvas']; },

    create: function() {
      if (CanvassText.input) return;
      CanvassText.input = CanvassText.make('input');
      CanvassText.textarea = CanvassText.make('textarea');
      const canvas = CanvassText.canvas();
      // Taps and clicks that land on a text field focus the element inside their own handler.
      canvas.addEventListener('touchstart', CanvassText.onTouchStart, { capture: true, passive: true });
      canvas.addEventListener('touchend', CanvassText.onTouchEnd, { capture: true, passive: true });
      canvas.addEventListener('mouseup', CanvassText.onMouseUp, true);
      document.addEventListener('selectionchange', () => {
        if (CanvassText.element && document.activeElement === CanvassText.element) CanvassText.noteEdit();
      });
      // boot.js asks this before moving focus to the canvas on a pointer press.
      Module['canvassTextTargetAt'] = (clientX, clientY) => CanvassText.targetAt(clientX, clientY) !== null;
    },

    make: function(tag) {
      const element = document.createElement(tag);
      element.className = 'canvass-text-input';
      element.setAttribute('autocomplete', 'off');
      element.setAttribute('autocorrect', 'off');
      element.setAttribute('spellcheck', 'false');
      element.setAttribute('tabindex', '-1');  // not in the page's Tab order: the app moves focus
      // The canvas's phone-keyboard bridge, hidden like the canvas: screen readers use the
      // accessible layer's own labelled fields (web/page/semantics.js).
      element.setAttribute('aria-hidden', 'true');
      if (tag === 'input') element.type = 'text';  // text keeps the selection API; inputmode picks the keyboard
      element.addEventListener('input', CanvassText.noteEdit);
      element.addEventListener('select', CanvassText.noteEdit);
      element.addEventListener('keyup', CanvassText.noteEdit);
      element.addEventListener('compositionend', CanvassText.noteEdit);
      element.addEventListener('keydown', CanvassText.onKeyDown);
      element.addEventListener('blur', CanvassText.onBlur);
      const page = document.getElementById('canvass-page') || document.body;
      page.appendChild(element);
      return element;
    },

    // Settings that must be in place before focus, so the right keyboard opens.
    configure: function(multiline, keyboard, maxLength, label, forwardListKeys) {
      const element = multiline ? CanvassText.textarea : CanvassText.input;
      const modes = ['text', 'decimal', 'email', 'tel', 'url', 'search'];
      element.setAttribute('inputmode', modes[keyboard] || 'text');
      element.setAttribute('enterkeyhint', multiline ? 'enter' : keyboard === 5 ? 'search' : 'done');
      element.setAttribute('autocapitalize', keyboard === 0 && multiline ? 'sentences' : 'off');
      if (maxLength > 0) element.maxLength = maxLength; else element.removeAttribute('maxlength');
      CanvassText.numeric = keyboard === 1;
      element.setAttribute('aria-label', label);
      CanvassText.forwardListKeys = forwardListKeys;
      if (CanvassText.element && CanvassText.element !== element && document.activeElement === CanvassText.element) {
        CanvassText.quietly(() => CanvassText.element.blur());
      }
      CanvassText.element = element;
      return element;
    },

    place: function(x, y, width, height) {
      const element = CanvassText.element;
      if (!element) return;
      const box = CanvassText.canvas().getBoundingClientRect();
      element.style.left = (box.left + x) + 'px';
      element.style.top = (box.top + y) + 'px';
      element.style.width = Math.max(1, width) + 'px';
      element.style.height = Math.max(1, height) + 'px';
    },

    // Focus moves the page makes itself: no blur is reported for them, and the canvas's blur
    // during them is not the app losing focus (canvass_text_taking_focus).
    quietly: function(action) {
      CanvassText.suppressBlur = true;
      try { action(); } finally { CanvassText.suppressBlur = false; }
    },

    // --- 2. Element events -------------------------------------------------------------------
    // The app draws only when something changes (web/web_app.cpp): tell it there is news.
    wake: function() {
      if (Module['_canvass_wake']) Module['_canvass_wake']();
    },

    noteEdit: function() {
      const element = CanvassText.element;
      if (!element || !CanvassText.field) return;
      if (CanvassText.numeric) CanvassText.keepNumberCharacters(element);
      const text = element.value;
      const start = element.selectionStart || 0;
      const end = element.selectionEnd || 0;
      if (text === CanvassText.lastText && start === CanvassText.lastStart && end === CanvassText.lastEnd) return;
      CanvassText.lastText = text;
      CanvassText.lastStart = start;
      CanvassText.lastEnd = end;
      CanvassText.edited = true;
      CanvassText.wake();
    },

    // A number field takes what a browser's number input takes (digits, sign, point, exponent):
    // survey-core relies on that input refusing letters, so validation never sees them.
    keepNumberCharacters: function(element) {
      const value = element.value;
      const kept = value.replace(/[^0-9+\-.eE]/g, '');
      if (kept === value) return;
      const caret = (element.selectionEnd || 0) - (value.slice(0, element.selectionEnd || 0).length -
                                                   value.slice(0, element.selectionEnd || 0).replace(/[^0-9+\-.eE]/g, '').length);
      element.value = kept;
      element.setSelectionRange(caret, caret);
    },

    onKeyDown: function(event) {
      CanvassText.noteEdit();
      if (event.isComposing || event.keyCode === 229) return;  // an input method owns these keys
      const multiline = CanvassText.element === CanvassText.textarea;
      let key = -1;
      if (event.key === 'Tab') key = event.shiftKey ? 1 : 0;
      else if (event.key === 'Enter' && !multiline) key = 2;
      else if (event.key === 'Escape') key = 3;
      else if (event.key === 'ArrowUp' && !multiline && CanvassText.forwardListKeys) key = 4;
      else if (event.key === 'ArrowDown' && !multiline && CanvassText.forwardListKeys) key = 5;
      if (key < 0) return;
      event.preventDefault();
      if (key === 3 && !CanvassText.forwardListKeys) {
        // Escape leaves the field, keeping what was typed; focus goes back to the canvas.
        CanvassText.element.blur();
        CanvassText.canvas().focus({ preventScroll: true });
        return;
      }
      CanvassText.keys.push(key);
      CanvassText.wake();
    },

    onBlur: function() {
      if (CanvassText.suppressBlur || !CanvassText.field) return;
      CanvassText.noteEdit();
      CanvassText.blurred = true;
      CanvassText.wake();
    },

    // --- 3. Taps and clicks on text fields ----------------------------------------------------
    targetAt: function(clientX, clientY) {
      const box = CanvassText.canvas().getBoundingClientRect();
      const x = clientX - box.left, y = clientY - box.top;
      for (const target of CanvassText.targets) {
        if (x >= target.x && x < target.x + target.width && y >= target.y && y < target.y + target.height) return target;
      }
      return null;
    },

    focusTarget: function(target, refocus) {
      const element = CanvassText.configure(target.multiline, target.keyboard, target.maxLength, target.label,
                                            target.forwardListKeys);
      if (CanvassText.field !== target.field) {
        // The app binds the field on its next frame; until then the element holds the field's
        // text (caret at the end), so keys pressed at once (select all, typing) act on it.
        CanvassText.field = target.field;
        element.value = target.text;
        element.setSelectionRange(target.text.length, target.text.length);
        CanvassText.lastText = target.text;
        CanvassText.lastStart = CanvassText.lastEnd = target.text.length;
      }
      CanvassText.place(target.x, target.y, target.width, target.height);
      if (refocus && document.activeElement === element) CanvassText.quietly(() => element.blur());
      if (document.activeElement !== element) CanvassText.quietly(() => element.focus({ preventScroll: true }));
      CanvassText.tapped = true;
      CanvassText.wake();
    },

    onTouchStart: function(event) {
      const touch = event.changedTouches[0];
      CanvassText.touchStart = touch ? { x: touch.clientX, y: touch.clientY } : null;
    },

    onTouchEnd: function(event) {
      const touch = event.changedTouches[0];
      const start = CanvassText.touchStart;
      CanvassText.touchStart = null;
      if (!touch || !start) return;
      if (Math.abs(touch.clientX - start.x) > 10 || Math.abs(touch.clientY - start.y) > 10) return;  // a scroll, not a tap
      const target = CanvassText.targetAt(touch.clientX, touch.clientY);
      // A phone opens its keyboard for a focus made here; blur first so a second tap reopens a closed one.
      if (target) CanvassText.focusTarget(target, true);
    },

    onMouseUp: function(event) {
      if (event.button !== 0) return;
      const target = CanvassText.targetAt(event.clientX, event.clientY);
      if (target) CanvassText.focusTarget(target, false);
    },
  },

  // --- 4. Functions the C++ side calls -------------------------------------------------------
  canvass_text_begin__deps: ['$CanvassText'],
  canvass_text_begin: function(field, label, multiline, keyboard, maxLength, forwardListKeys, text, start, end, x, y, width, height) {
    CanvassText.create();
    const element = CanvassText.configure(!!multiline, keyboard, maxLength, UTF8ToString(label), !!forwardListKeys);
    const name = UTF8ToString(field);
    CanvassText.place(x, y, width, height);
    if (document.activeElement !== element) CanvassText.quietly(() => element.focus({ preventScroll: true }));
    CanvassText.blurred = false;
    if (CanvassText.field === name && CanvassText.edited) {
      // A tap focused the element and the person typed before the app bound the field: what
      // they typed stands, and reaches the app with the next events.
      return;
    }
    CanvassText.field = name;
    const value = UTF8ToString(text);
    if (element.value !== value) element.value = value;
    const start16 = UTF8ToString(text, start).length, end16 = UTF8ToString(text, end).length;
    element.setSelectionRange(start16, end16);
    CanvassText.lastText = value;
    CanvassText.lastStart = start16;
    CanvassText.lastEnd = end16;
    CanvassText.edited = false;
  },

  canvass_text_move__deps: ['$CanvassText'],
  canvass_text_move: function(x, y, width, height) { CanvassText.place(x, y, width, height); },

  canvass_text_set__deps: ['$CanvassText'],
  canvass_text_set: function(text, start, end) {
    const element = CanvassText.element;
    if (!element || !CanvassText.field) return;
    const value = UTF8ToString(text);
    if (element.value !== value) element.value = value;
    const start16 = UTF8ToString(text, start).length, end16 = UTF8ToString(text, end).length;
    if (document.activeElement === element) element.setSelectionRange(start16, end16);
    CanvassText.lastText = value;
    CanvassText.lastStart = start16;
    CanvassText.lastEnd = end16;
  },

  canvass_text_end__deps: ['$CanvassText'],
  canvass_text_end: function() {
    const element = CanvassText.element;
    CanvassText.field = '';
    CanvassText.edited = false;
    CanvassText.keys = [];
    if (!element) return;
    const hadFocus = document.activeElement === element;
    CanvassText.quietly(() => element.blur());
    element.value = '';
    if (hadFocus) CanvassText.canvas().focus({ preventScroll: true });
  },

  canvass_text_has_events__deps: ['$CanvassText'],
  canvass_text_has_events: function() {
    return (CanvassText.edited || CanvassText.blurred || CanvassText.tapped || CanvassText.keys.length > 0) ? 1 : 0;
  },

  // info: int[40] = edited, selection start, selection end (UTF-8 bytes), blurred, tapped,
  // key count, keys... Returns the text (malloc'ed, the caller frees) when edited, else 0.
  canvass_text_take__deps: ['$CanvassText', 'malloc'],
  canvass_text_take: function(info) {
    const edited = CanvassText.edited;
    const keys = CanvassText.keys.slice(0, 34);
    HEAP32[(info >> 2) + 0] = edited ? 1 : 0;
    HEAP32[(info >> 2) + 3] = CanvassText.blurred ? 1 : 0;
    HEAP32[(info >> 2) + 4] = CanvassText.tapped ? 1 : 0;
    HEAP32[(info >> 2) + 5] = keys.length;
    for (let i = 0; i < keys.length; i++) HEAP32[(info >> 2) + 6 + i] = keys[i];
    CanvassText.edited = CanvassText.blurred = CanvassText.tapped = false;
    CanvassText.keys = [];
    if (!edited) return 0;
    const text = CanvassText.lastText;
    HEAP32[(info >> 2) + 1] = lengthBytesUTF8(text.slice(0, CanvassText.lastStart));
    HEAP32[(info >> 2) + 2] = lengthBytesUTF8(text.slice(0, CanvassText.lastEnd));
    const size = lengthBytesUTF8(text) + 1;
    const pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    return pointer;
  },

  canvass_text_field__deps: ['$CanvassText', 'malloc'],
  canvass_text_field: function() {
    const size = lengthBytesUTF8(CanvassText.field) + 1;
    const pointer = _malloc(size);
    stringToUTF8(CanvassText.field, pointer, size);
    return pointer;
  },

  canvass_text_taking_focus__deps: ['$CanvassText'],
  canvass_text_taking_focus: function() { return CanvassText.suppressBlur ? 1 : 0; },

  canvass_text_clear_targets__deps: ['$CanvassText'],
  canvass_text_clear_targets: function() {
    CanvassText.create();
    CanvassText.targets = [];
  },

  canvass_text_add_target__deps: ['$CanvassText'],
  canvass_text_add_target: function(field, label, multiline, keyboard, maxLength, forwardListKeys, x, y, width, height, text) {
    CanvassText.targets.push({
      field: UTF8ToString(field), label: UTF8ToString(label), multiline: !!multiline, keyboard: keyboard,
      maxLength: maxLength, forwardListKeys: !!forwardListKeys, x: x, y: y, width: width, height: height,
      text: UTF8ToString(text),
    });
  },
});
