// Requests from the page's accessible DOM layer (docs/accessibility.md), turned into the same
// intents a canvas click produces. The layer is generated from the view-model, so a request
// names a control or a question of the screen now shown, and core checks it against that:
// a DOM control can do nothing the canvas could not. Requests are JSON objects:
//   {"control": ID}                          press a control (view.controls[].id)
//   {"answer": NAME, "value": V}             answer a question on screen with V (SurveyJS data)
//   {"toggle": NAME, "value": V}             tick or untick checkbox choice V
//   {"text": NAME, "typed": S}               typed text for a text question (numbers for number fields)
//   {"comment": NAME, "typed": S}            the "Other (please specify)" text
#pragma once

#include <nlohmann/json.hpp>

#include "core/app/app_state.h"
#include "core/app/view_model.h"
#include "core/result.h"

namespace canvass {

// The intent for pressing control `id` on `view`, or an error naming the control: an id that
// is not on the screen, a disabled control, or one that opens a page (the privacy link, which
// the DOM layer opens itself as a real link).
Result<Intent> intent_for_control(const ViewModel& view, std::string_view id);

// The intent for one request (above), or an error that says what is wrong with it.
Result<Intent> intent_from_request(const ViewModel& view, const nlohmann::json& request);

}  // namespace canvass
