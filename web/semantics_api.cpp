// Functions the accessible DOM layer (web/page/semantics.js) calls. Its requests go through
// core's checks (core/app/semantic_intents.h) exactly as canvas clicks do, so the layer can do
// nothing the canvas could not; it reads what to show from canvass_view_json.
#include <emscripten/emscripten.h>

#include <string>

#include "web/web_app.h"

namespace canvass::web {
WebApp& mutable_running_app();
}

extern "C" {

// "" when the request was accepted (it applies on the next frame), else why it was refused.
// The returned text stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* canvass_semantic_request(const char* request_json) {
    static std::string buffer;
    buffer = canvass::web::mutable_running_app().submit_request(request_json ? request_json : "");
    return buffer.c_str();
}

EMSCRIPTEN_KEEPALIVE void canvass_semantic_focus(const char* control_id) {
    canvass::web::mutable_running_app().follow_page_focus(control_id ? control_id : "");
}

}
