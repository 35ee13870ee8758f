// Functions the page's JavaScript calls: the read-only automation view (docs/automation.md).
// Nothing here changes answers or state: the automation API is not a back door.
#include <emscripten/emscripten.h>

#include <string>

#include "web/web_app.h"

namespace canvass::web {
const WebApp& running_app();
}

extern "C" {

// The returned text stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* canvass_view_json() {
    static std::string buffer;
    buffer = canvass::web::running_app().view_json();
    return buffer.c_str();
}

}
