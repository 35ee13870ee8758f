// Keyboard, mouse, touch and focus input from Emscripten's html5.h callbacks on the canvas,
// fed to Dear ImGui. (Emscripten's GLFW listens on the whole window and swallows Tab and
// Backspace meant for HTML inputs beside the canvas, so it is not used.)
#pragma once

namespace canvass::web {

// `on_input` is called after every event, so the app knows to draw the next frames.
void install_input_callbacks(const char* canvas_selector, void (*on_input)());

}  // namespace canvass::web
