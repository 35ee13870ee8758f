// Entry point of the web app: starts the app, which then draws in the animation frames it asks for.
#include <emscripten/emscripten.h>

#include "web/web_app.h"

namespace {

canvass::web::WebApp app("#canvas");

// clang-format off
EM_JS(void, js_report_fatal, (const char* message), {
    if (Module.onCanvassFatal) Module.onCanvassFatal(UTF8ToString(message));
});
// clang-format on

}  // namespace

namespace canvass::web {
const WebApp& running_app() { return app; }
WebApp& mutable_running_app() { return app; }  // for web/test_exports.cpp and web/semantics_api.cpp
}  // namespace canvass::web

int main() {
    if (!app.start()) {
        js_report_fatal("webgl2");
        return 1;
    }
    // No main loop: the app asks for animation frames only while something changes (WebApp::request_frames).
    return 0;
}
