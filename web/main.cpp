// Entry point of the web app: starts the app, which then draws in the animation frames it asks for.
#include <emscripten/emscripten.h>

#include "web/web_app.h"

namespace {

canvass::web::WebApp app("#canvas");

}  // namespace

namespace canvass::web {
const WebApp& running_app() { return app; }
WebApp& mutable_running_app() { return app; }  // for web/test_exports.cpp and web/semantics_api.cpp
}  // namespace canvass::web

int main() {
    app.start();
    // No main loop: the app asks for animation frames only while something changes (WebApp::request_frames).
    return 0;
}
