// Translating browser events into ImGui's input queue.
#include "web/input.h"

#include <emscripten/html5.h>

#include <cfloat>
#include <cstring>
#include <string_view>

#include "imgui.h"
#include "platform/platform.h"

namespace canvass::web {
namespace {

void (*notify_input)() = nullptr;

struct KeyName {
    const char* code;
    ImGuiKey key;
};

// KeyboardEvent.code names: physical keys, so they do not change with the keyboard layout.
constexpr KeyName kNamedKeys[] = {
    {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert}, {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace},
    {"Space", ImGuiKey_Space}, {"Enter", ImGuiKey_Enter}, {"NumpadEnter", ImGuiKey_KeypadEnter},
    {"Escape", ImGuiKey_Escape}, {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift},
    {"ControlLeft", ImGuiKey_LeftCtrl}, {"ControlRight", ImGuiKey_RightCtrl}, {"AltLeft", ImGuiKey_LeftAlt},
    {"AltRight", ImGuiKey_RightAlt}, {"MetaLeft", ImGuiKey_LeftSuper}, {"MetaRight", ImGuiKey_RightSuper},
};

ImGuiKey key_from_event(const EmscriptenKeyboardEvent& event) {
    for (const KeyName& named : kNamedKeys) {
        if (std::strcmp(event.code, named.code) == 0) return named.key;
    }
    // Letters and digits by their physical position ("KeyA", "Digit1"), as shortcuts expect.
    if (std::strncmp(event.code, "Key", 3) == 0 && event.code[3] >= 'A' && event.code[3] <= 'Z' && !event.code[4]) {
        return static_cast<ImGuiKey>(ImGuiKey_A + (event.code[3] - 'A'));
    }
    if (std::strncmp(event.code, "Digit", 5) == 0 && event.code[5] >= '0' && event.code[5] <= '9' && !event.code[6]) {
        return static_cast<ImGuiKey>(ImGuiKey_0 + (event.code[5] - '0'));
    }
    return ImGuiKey_None;
}

void update_modifiers(ImGuiIO& io, const EmscriptenKeyboardEvent& event) {
    io.AddKeyEvent(ImGuiMod_Ctrl, event.ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, event.shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, event.altKey);
    io.AddKeyEvent(ImGuiMod_Super, event.metaKey);
}

// A KeyboardEvent.key that is one character (not "Shift", "F5" ...) is text to type.
bool is_single_character(const char* key) {
    const std::size_t length = std::strlen(key);
    if (length == 0 || length > 4) return false;
    const unsigned char lead = static_cast<unsigned char>(key[0]);
    const std::size_t expected = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return length == expected;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    update_modifiers(io, *event);
    const ImGuiKey key = key_from_event(*event);
    if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
    bool handled = key != ImGuiKey_None && key != ImGuiKey_LeftCtrl && key != ImGuiKey_RightCtrl &&
                   key != ImGuiKey_LeftAlt && key != ImGuiKey_RightAlt && key != ImGuiKey_LeftSuper &&
                   key != ImGuiKey_RightSuper && key != ImGuiKey_LeftShift && key != ImGuiKey_RightShift;
    if (down && !event->ctrlKey && !event->metaKey && is_single_character(event->key)) {
        if (io.WantTextInput) io.AddInputCharactersUTF8(event->key);
        handled = handled || io.WantTextInput;
    }
    // Leave browser shortcuts (reload, zoom, copy) to the browser.
    if (event->ctrlKey || event->metaKey) handled = false;
    if (notify_input) notify_input();
    return handled;
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(static_cast<float>(event->targetX), static_cast<float>(event->targetY));
    const int button = event->button == 0 ? 0 : event->button == 2 ? 1 : event->button == 1 ? 2 : -1;
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) io.AddMouseButtonEvent(button, true);
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) io.AddMouseButtonEvent(button, false);
    if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    if (notify_input) notify_input();
    return type != EMSCRIPTEN_EVENT_MOUSEMOVE && type != EMSCRIPTEN_EVENT_MOUSELEAVE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
    // deltaMode 0 is pixels, 1 lines, 2 pages; ImGui scrolls by "lines" of about 5 text lines.
    const double divisor = event->deltaMode == DOM_DELTA_PIXEL ? 100.0 : event->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-event->deltaX / divisor),
                                      static_cast<float>(-event->deltaY / divisor));
    if (notify_input) notify_input();
    return true;
}

// One finger acts as the mouse; ImGui then knows the source is touch (no hover before a tap).
EM_BOOL on_touch(int type, const EmscriptenTouchEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const EmscriptenTouchPoint* touch = nullptr;
    for (int i = 0; i < event->numTouches; ++i) {
        if (event->touches[i].isChanged) { touch = &event->touches[i]; break; }
    }
    if (!touch) return true;
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(static_cast<float>(touch->targetX), static_cast<float>(touch->targetY));
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) io.AddMouseButtonEvent(0, true);
    if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
        io.AddMouseButtonEvent(0, false);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // a lifted finger hovers nothing
    }
    if (notify_input) notify_input();
    return true;  // no emulated mouse events after the touch
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
    // Focus passing to the text element over a field stays inside the app: ImGui must not drop
    // the keys it holds (a Tab or Escape the element passes on would be lost).
    if (type == EMSCRIPTEN_EVENT_BLUR && platform::text_input_taking_focus()) return false;
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    if (notify_input) notify_input();
    return false;
}

// The window's size (or zoom, which changes the pixel ratio) changed: the next frame resizes.
EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    if (notify_input) notify_input();
    return false;
}

}  // namespace

void install_input_callbacks(const char* canvas, void (*on_input)()) {
    notify_input = on_input;
    emscripten_set_keydown_callback(canvas, nullptr, true, on_key);
    emscripten_set_keyup_callback(canvas, nullptr, true, on_key);
    emscripten_set_mousedown_callback(canvas, nullptr, true, on_mouse);
    emscripten_set_mouseup_callback(canvas, nullptr, true, on_mouse);
    emscripten_set_mousemove_callback(canvas, nullptr, true, on_mouse);
    emscripten_set_mouseleave_callback(canvas, nullptr, true, on_mouse);
    emscripten_set_wheel_callback(canvas, nullptr, true, on_wheel);
    emscripten_set_touchstart_callback(canvas, nullptr, true, on_touch);
    emscripten_set_touchmove_callback(canvas, nullptr, true, on_touch);
    emscripten_set_touchend_callback(canvas, nullptr, true, on_touch);
    emscripten_set_touchcancel_callback(canvas, nullptr, true, on_touch);
    emscripten_set_focus_callback(canvas, nullptr, true, on_focus);
    emscripten_set_blur_callback(canvas, nullptr, true, on_focus);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_resize);
}

}  // namespace canvass::web
