// Tests for core/survey/answer_edit: what each control does to an answer, following
// survey-core's own controls (checkbox "none" and limits, number fields, rankings, matrices)
// and the dropdown's accent-insensitive search.
#include <doctest/doctest.h>

#include "core/survey/answer_edit.h"

using namespace canvass::survey;
using nlohmann::json;

namespace {

ElementView checkbox(json value, int max = 0) {
    ElementView q;
    q.type = ElementType::Checkbox;
    q.name = "barriers";
    q.choices = {{"cost", "Cost"}, {"skills", "Skills"}, {"signal", "Signal"}, {"other", "Other"}, {"none", "None"}};
    q.show_other = true;
    q.show_none = true;
    q.max_selected_choices = max;
    q.value = std::move(value);
    return q;
}

}  // namespace

TEST_CASE("checkboxes: ticking, unticking, none clears the others and others clear none") {
    CHECK(toggle_checkbox(checkbox(nullptr), "cost") == json::array({"cost"}));
    CHECK(toggle_checkbox(checkbox(json::array({"cost"})), "skills") == json::array({"cost", "skills"}));
    CHECK(toggle_checkbox(checkbox(json::array({"cost"})), "cost").is_null());  // nothing left: unanswered
    CHECK(toggle_checkbox(checkbox(json::array({"cost", "signal"})), "none") == json::array({"none"}));
    CHECK(toggle_checkbox(checkbox(json::array({"none"})), "skills") == json::array({"skills"}));
    CHECK(toggle_checkbox(checkbox(json::array({"none"})), "none").is_null());
    // A "none" value is only exclusive when the question shows the none item.
    ElementView plain = checkbox(json::array({"none"}));
    plain.show_none = false;
    CHECK(toggle_checkbox(plain, "cost") == json::array({"none", "cost"}));
}

TEST_CASE("checkboxes: maxSelectedChoices disables the unticked choices and refuses more") {
    const ElementView full = checkbox(json::array({"cost", "skills"}), 2);
    CHECK(at_selection_limit(full));
    CHECK(is_choice_enabled(full, full.choices[0]));        // ticked: can be unticked
    CHECK_FALSE(is_choice_enabled(full, full.choices[2]));  // unticked ordinary choice
    CHECK_FALSE(is_choice_enabled(full, full.choices[3]));  // "other" too
    CHECK(is_choice_enabled(full, full.choices[4]));        // "none" clears the rest, so it stays
    CHECK(toggle_checkbox(full, "signal") == full.value);
    CHECK(toggle_checkbox(full, "skills") == json::array({"cost"}));
    CHECK(toggle_checkbox(full, "none") == json::array({"none"}));
    CHECK_FALSE(at_selection_limit(checkbox(json::array({"cost"}), 2)));
    CHECK_FALSE(at_selection_limit(checkbox(json::array({"cost", "skills"}), 0)));
    ElementView read_only = checkbox(nullptr);
    read_only.read_only = true;
    CHECK_FALSE(is_choice_enabled(read_only, read_only.choices[0]));
}

TEST_CASE("selection and special items") {
    ElementView radio;
    radio.type = ElementType::Radiogroup;
    radio.choices = {{1, "One"}, {"2", "Two"}, {"other", "Other"}};
    radio.show_other = true;
    radio.value = 1;
    CHECK(is_choice_selected(radio, 1));
    CHECK_FALSE(is_choice_selected(radio, "2"));
    CHECK(is_other_choice(radio, radio.choices[2]));
    CHECK_FALSE(is_none_choice(radio, radio.choices[2]));
    radio.value = nullptr;
    CHECK_FALSE(is_choice_selected(radio, nullptr));
    CHECK(is_choice_selected(checkbox(json::array({"cost"})), "cost"));
}

TEST_CASE("text fields: empty is unanswered, number fields store numbers when they parse") {
    CHECK(text_to_answer("", "text").is_null());
    CHECK(text_to_answer("CM20", "text") == "CM20");
    CHECK(text_to_answer(" 12 ", "text") == " 12 ");  // text fields keep what was typed
    CHECK(text_to_answer("12", "number") == 12);
    CHECK(text_to_answer("12", "number").is_number_integer());
    CHECK(text_to_answer("-3.5", "number") == -3.5);
    CHECK(text_to_answer(" +4 ", "number") == 4);
    CHECK(text_to_answer(".5", "number") == 0.5);
    CHECK(text_to_answer("1e3", "number") == 1000);
    CHECK(text_to_answer("2.0", "number") == 2);
    CHECK(text_to_answer("12abc", "number") == "12abc");  // kept, so validation says it is not a number
    CHECK(text_to_answer("1,5", "number") == "1,5");
    CHECK(text_to_answer("-", "number") == "-");
    CHECK(text_to_answer("1e", "number") == "1e");
    CHECK(text_to_answer("Infinity", "number") == "Infinity");
    CHECK(text_to_answer("1e999", "number") == "1e999");
    CHECK(text_to_answer("07700 900123", "tel") == "07700 900123");
    CHECK(answer_to_text(nullptr).empty());
    CHECK(answer_to_text("żółw") == "żółw");
    CHECK(answer_to_text(12) == "12");
    CHECK(answer_to_text(2.5) == "2.5");
}

TEST_CASE("rankings: the shown order and moving items") {
    ElementView q;
    q.type = ElementType::Ranking;
    q.choices = {{"broadband", "Broadband"}, {"mobile", "Mobile"}, {"skills", "Skills"}, {"devices", "Devices"}};
    // Unanswered: the choices' order.
    std::vector<ChoiceView> order = ranking_order(q);
    REQUIRE(order.size() == 4);
    CHECK(order[0].value == "broadband");
    CHECK(move_in_ranking(q, 2, 0) == json::array({"skills", "broadband", "mobile", "devices"}));
    CHECK(move_in_ranking(q, 0, 1) == json::array({"mobile", "broadband", "skills", "devices"}));
    CHECK(move_in_ranking(q, 3, 99) == json::array({"broadband", "mobile", "skills", "devices"}));  // clamped
    // Answered (partly, and with a value that is no longer a choice): answer order, then the rest.
    q.value = json::array({"skills", "gone", "mobile"});
    order = ranking_order(q);
    REQUIRE(order.size() == 4);
    CHECK(order[0].value == "skills");
    CHECK(order[1].value == "mobile");
    CHECK(order[2].value == "broadband");
    CHECK(move_in_ranking(q, 3, 0) == json::array({"devices", "skills", "mobile", "broadband"}));
    ElementView empty;
    empty.type = ElementType::Ranking;
    CHECK(move_in_ranking(empty, 0, 1).is_null());
}

TEST_CASE("matrices: one column per row, as an object") {
    ElementView q;
    q.type = ElementType::Matrix;
    q.rows = {{"home", "At home"}, {"work", "At work"}};
    q.columns = {{"good", "Good"}, {1, "Poor"}};
    CHECK(matrix_cell(q, "home").is_null());
    q.value = answer_matrix_row(q, "home", "good");
    CHECK(q.value == json{{"home", "good"}});
    q.value = answer_matrix_row(q, "work", 1);
    CHECK(q.value == json{{"home", "good"}, {"work", 1}});
    q.value = answer_matrix_row(q, "home", 1);
    CHECK(matrix_cell(q, "home") == 1);
    q.value = "not an object";
    CHECK(answer_matrix_row(q, "home", "good") == json{{"home", "good"}});
}

TEST_CASE("searching choices ignores case and accents") {
    CHECK(fold_for_search("Łódź") == "lodz");
    CHECK(fold_for_search("ŻÓŁW Gęś") == "zolw ges");
    CHECK(fold_for_search("Crème Brûlée") == "creme brulee");
    CHECK(fold_for_search("Cafe\xCC\x81") == "cafe");  // decomposed é
    CHECK(fold_for_search("ΟΔΟΣ") == "οδος");          // other scripts: lower-cased only
    const std::vector<ChoiceView> choices = {
        {"retail", "Retail and shops"}, {"food", "Food and drink"}, {"it", "IT and digital"}, {"pl", "Usługi żłobkowe"}};
    CHECK(filter_choices(choices, "").size() == 4);
    CHECK(filter_choices(choices, "   ").size() == 4);
    CHECK(filter_choices(choices, "AND") == std::vector<int>{0, 1, 2});
    CHECK(filter_choices(choices, "shop") == std::vector<int>{0});
    CHECK(filter_choices(choices, "zlob") == std::vector<int>{3});
    CHECK(filter_choices(choices, "żłob") == std::vector<int>{3});
    CHECK(filter_choices(choices, "xyz").empty());
}
