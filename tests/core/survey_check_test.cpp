// Tests for `check` (core/survey/check.cpp and the engine behind it): visible, required and
// invalid questions and completeness. Every expected line was printed by npm survey-core@3.1.1
// (new Model(json); survey.data = answers; survey.clearIncorrectValues(); then isVisible &&
// isParentVisible, isRequired, validate(false) per question and survey.validate(false)), so a
// failure here means we no longer match SurveyJS.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/survey/survey.h"

namespace {

struct CheckRow {
    const char* answers;
    const char* expected;
};

struct CheckSuite {
    const char* name;
    const char* survey;
    std::vector<CheckRow> rows;
};

constexpr std::int64_t kNow = 1781524800000;  // 2026-06-15T12:00:00Z

}  // namespace

TEST_CASE("check matches survey-core on answer sets") {
    const CheckSuite suites[] = {
        {"choices, other, none, panels, matrix, start page",
         R"j({"firstPageIsStartPage":true,"pages":[{"name":"start","elements":[{"type":"html","name":"intro","html":"hi"},{"type":"text","name":"st","isRequired":true}]},{"name":"p1","elements":[{"type":"radiogroup","name":"r","choices":["a","b",{"value":"c","text":"C"}],"showOtherItem":true,"isRequired":true},{"type":"checkbox","name":"c","choices":["x","y","z"],"choicesVisibleIf":"{item} != 'z' or {r} = 'a'","showNoneItem":true},{"type":"text","name":"n","inputType":"number","min":1,"max":10},{"type":"panel","name":"pan","isRequired":true,"elements":[{"type":"text","name":"p_a"},{"type":"text","name":"p_b","visibleIf":"{r}='b'"}]},{"type":"matrix","name":"m","rows":["r1","r2"],"columns":["c1","c2"],"isAllRowRequired":true}]}]})j",
         {
          {R"j({})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","r","m"],"complete":false})j"},
          {R"j({"r":"a","c":["z","x"]})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","m"],"complete":false})j"},
          {R"j({"r":"b","c":["z","x"]})j", R"j({"visible":["intro","st","r","c","n","p_a","p_b","m"],"required":["st","r"],"invalid":["st","m"],"complete":false})j"},
          {R"j({"r":"other","r-Comment":"hi"})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","m"],"complete":false})j"},
          {R"j({"r":"other"})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","r","m"],"complete":false})j"},
          {R"j({"r":"zzz"})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","m"],"complete":false})j"},
          {R"j({"c":["none","x"]})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","r","m"],"complete":false})j"},
          {R"j({"c":"x"})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","r","m"],"complete":false})j"},
          {R"j({"n":0,"p_a":"q"})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","r","n","m"],"complete":false})j"},
          {R"j({"n":"abc","m":{"r1":"c1"}})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","r","m"],"complete":false})j"},
          {R"j({"m":{"r1":"c1","r2":"c9"}})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["st","r","m"],"complete":false})j"},
          {R"j({"st":"x","r":"a","p_b":"x"})j", R"j({"visible":["intro","st","r","c","n","p_a","m"],"required":["st","r"],"invalid":["m"],"complete":false})j"},
         }},
        {"calculated values, expression questions, requiredIf, enableIf, readOnly, required panel",
         R"j({"firstPageIsStartPage":true,"calculatedValues":[{"name":"dbl","expression":"{n} * 2"}],"pages":[{"name":"start","elements":[{"type":"text","name":"st","isRequired":true}]},{"name":"p1","elements":[{"type":"panel","name":"pan","isRequired":true,"elements":[{"type":"text","name":"p_a"}]},{"type":"text","name":"n","inputType":"number","min":1,"max":10},{"type":"text","name":"ro","isRequired":true,"readOnly":true},{"type":"text","name":"en","isRequired":true,"enableIf":"{n} > 5"},{"type":"text","name":"ri","requiredIf":"{dbl} > 10"},{"type":"expression","name":"ex","expression":"{dbl} + 1"},{"type":"text","name":"vis2","visibleIf":"{ex} > 7"}]}]})j",
         {
          {R"j({})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex"],"required":["st","ro","en"],"invalid":["st"],"complete":false})j"},
          {R"j({"st":"x"})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex"],"required":["st","ro","en"],"invalid":[],"complete":false})j"},
          {R"j({"st":"x","p_a":"y"})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex"],"required":["st","ro","en"],"invalid":[],"complete":true})j"},
          {R"j({"st":"x","p_a":"y","n":"5"})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex","vis2"],"required":["st","ro","en"],"invalid":[],"complete":true})j"},
          {R"j({"st":"x","p_a":"y","n":6})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex","vis2"],"required":["st","ro","en","ri"],"invalid":["en","ri"],"complete":false})j"},
          {R"j({"st":"x","p_a":"y","n":6,"en":"e"})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex","vis2"],"required":["st","ro","en","ri"],"invalid":["ri"],"complete":false})j"},
          {R"j({"st":"x","p_a":"y","n":6,"en":"e","ri":"r"})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex","vis2"],"required":["st","ro","en","ri"],"invalid":[],"complete":true})j"},
          {R"j({"st":"x","p_a":"y","n":"abc","en":"e","ri":"r"})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex"],"required":["st","ro","en"],"invalid":[],"complete":true})j"},
          {R"j({"st":"x","p_a":"y","n":"11","en":"e","ri":"r"})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex","vis2"],"required":["st","ro","en","ri"],"invalid":["n"],"complete":false})j"},
          {R"j({"st":"x","p_a":"y","n":" 7 ","en":"e","ri":"r","ex":99})j", R"j({"visible":["st","p_a","n","ro","en","ri","ex","vis2"],"required":["st","ro","en","ri"],"invalid":[],"complete":true})j"},
         }},
        {"other/none text, checkbox and ranking values, rating, min/max selected",
         R"j({"pages":[{"name":"p1","elements":[{"type":"radiogroup","name":"r","choices":["a","b"],"showOtherItem":true},{"type":"checkbox","name":"c","choices":["x","y",1],"showOtherItem":true,"showNoneItem":true},{"type":"dropdown","name":"d","choices":["a","b"],"choicesVisibleIf":"{item} != 'b'"},{"type":"ranking","name":"rk","choices":["a","b","c"]},{"type":"rating","name":"rt","rateMax":3},{"type":"boolean","name":"bo","isRequired":true},{"type":"checkbox","name":"c2","choices":["x","y","z"],"minSelectedChoices":2,"maxSelectedChoices":2}]}]})j",
         {
          {R"j({"r":"zzz"})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"r":"other","r-Comment":"  "})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"r":"a","r-Comment":"left"})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"c":["x","foo"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"c":["foo","bar"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"c":["other"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["c","bo","c2"],"complete":false})j"},
          {R"j({"c":["x","other"],"c-Comment":"t"})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"c":["1","x"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"c":"foo"})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"c":["none","x"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"d":"b"})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"d":"B"})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"rk":["a","b"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"rk":["a","z","b","c"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"rt":7,"bo":false})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["c2"],"complete":false})j"},
          {R"j({"rt":"2","bo":"false"})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["c2"],"complete":false})j"},
          {R"j({"c2":["x"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"c2":["x","y","z"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo"],"complete":false})j"},
          {R"j({"bo":0})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["c2"],"complete":false})j"},
          {R"j({"c":{"a":1}})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"r":["a"]})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
          {R"j({"r":5})j", R"j({"visible":["r","c","d","rk","rt","bo","c2"],"required":["bo"],"invalid":["bo","c2"],"complete":false})j"},
         }},
        {"values of the wrong shape",
         R"j({"pages":[{"name":"p","elements":[{"type":"ranking","name":"rk","isRequired":true,"choices":["a","b","c"]},{"type":"rating","name":"rv","isRequired":true,"rateValues":["x","y",3]},{"type":"rating","name":"rn","isRequired":true,"rateMax":3},{"type":"checkbox","name":"cb","isRequired":true,"choices":["a","b"]},{"type":"radiogroup","name":"rg","isRequired":true,"choices":["a","b"]}]}]})j",
         {
          {R"j({"rk":false,"rv":"12345","rn":7,"cb":false,"rg":false})j", R"j({"visible":["rk","rv","rn","cb","rg"],"required":["rk","rv","rn","cb","rg"],"invalid":["rk","rv","rn","cb","rg"],"complete":false})j"},
          {R"j({"rk":"a","rv":"x","rn":"2","cb":0,"rg":0})j", R"j({"visible":["rk","rv","rn","cb","rg"],"required":["rk","rv","rn","cb","rg"],"invalid":["cb","rg"],"complete":false})j"},
          {R"j({"rk":["zzz"],"rv":"3","rn":2.5,"cb":"a","rg":"a"})j", R"j({"visible":["rk","rv","rn","cb","rg"],"required":["rk","rv","rn","cb","rg"],"invalid":["rn"],"complete":false})j"},
          {R"j({"rk":0,"rv":0,"rn":0,"cb":true,"rg":true})j", R"j({"visible":["rk","rv","rn","cb","rg"],"required":["rk","rv","rn","cb","rg"],"invalid":["rk","rv","rn","cb","rg"],"complete":false})j"},
          {R"j({"rk":[],"rv":true,"rn":true,"cb":[false],"rg":["a"]})j", R"j({"visible":["rk","rv","rn","cb","rg"],"required":["rk","rv","rn","cb","rg"],"invalid":["rk","rv","cb"],"complete":false})j"},
          {R"j({"rk":{"a":1},"rv":{"a":1},"rn":[1],"cb":[0],"rg":{"a":1}})j", R"j({"visible":["rk","rv","rn","cb","rg"],"required":["rk","rv","rn","cb","rg"],"invalid":["rv","rn","cb","rg"],"complete":false})j"},
         }},
        {"clearInvisibleValues onHidden: clear and default on visibility change",
         R"j({"clearInvisibleValues":"onHidden","pages":[{"name":"p1","elements":[{"type":"boolean","name":"b"},{"type":"text","name":"t","visibleIf":"{b} = true","defaultValue":"dflt","isRequired":true},{"type":"text","name":"u","visibleIf":"{b} = false","defaultValue":"udef"},{"type":"radiogroup","name":"r","choices":["a","b"],"defaultValue":"a","isRequired":true},{"type":"expression","name":"e","expression":"iif({b}, 'yes', 'no')"},{"type":"text","name":"needs_t","visibleIf":"{t} = 'dflt'"}]}]})j",
         {
          {R"j({})j", R"j({"visible":["b","r","e"],"required":["r"],"invalid":["r"],"complete":false})j"},
          {R"j({"b":false,"t":"x"})j", R"j({"visible":["b","u","r","e"],"required":["r"],"invalid":["r"],"complete":false})j"},
          {R"j({"b":true,"r":"zz"})j", R"j({"visible":["b","t","r","e","needs_t"],"required":["t","r"],"invalid":["r"],"complete":false})j"},
          {R"j({"b":true,"u":"keep"})j", R"j({"visible":["b","t","r","e","needs_t"],"required":["t","r"],"invalid":["r"],"complete":false})j"},
          {R"j({"b":true,"t":"mine"})j", R"j({"visible":["b","t","r","e"],"required":["t","r"],"invalid":["r"],"complete":false})j"},
         }},
        {"arrays read as text, emptied arrays, a choice's visibleIf over choicesVisibleIf",
         R"j({"elements":[{"type":"text","name":"t","validators":[{"type":"regex","regex":"^[a-z, ]+$"}]},{"type":"comment","name":"c"},{"type":"text","name":"t_seen","visibleIf":"{t} = 'a, b'"},{"type":"text","name":"c_seen","visibleIf":"{c} contains 'b'"},{"type":"text","name":"d","validators":[{"type":"expression","expression":"{d} empty or dateDiff({d}, today(), 'days') >= 0"}]},{"type":"rating","name":"r","rateValues":[1,2,3]},{"type":"text","name":"r_low","visibleIf":"{r} <= 2"},{"type":"radiogroup","name":"toggle","choices":["on","off"]},{"type":"checkbox","name":"picks","choices":["red",{"value":"gold","visibleIf":"{toggle} = 'on'"}],"choicesVisibleIf":"{item} <> {excluded}"},{"type":"text","name":"excluded"},{"type":"text","name":"picked","visibleIf":"{picks} notempty"}]})j",
         {
{R"j({})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"t":["a","b"],"c":["a","b"]})j", R"j({"visible":["t","c","t_seen","c_seen","d","r","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"t":["A"],"c":["x"]})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded"],"required":[],"invalid":["t"],"complete":false})j"},
          {R"j({"d":["0"]})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded"],"required":[],"invalid":["d"],"complete":false})j"},
          {R"j({"d":"2020-01-01"})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"r":["hello"]})j", R"j({"visible":["t","c","d","r","r_low","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"r":[]})j", R"j({"visible":["t","c","d","r","r_low","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"r":3})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"toggle":"on","excluded":"gold","picks":["gold"]})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded","picked"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"toggle":"off","excluded":"red","picks":["gold","red"]})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
          {R"j({"excluded":"red","picks":["red"]})j", R"j({"visible":["t","c","d","r","toggle","picks","excluded"],"required":[],"invalid":[],"complete":true})j"},
         }},
        {"an array given to a single-choice question with Other",
         R"j({"elements":[{"type":"radiogroup","name":"r","isRequired":true,"choices":["a","b"],"showOtherItem":true},{"type":"text","name":"seen","visibleIf":"{r} notempty"}]})j",
         {
{R"j({"r":["  "]})j", R"j({"visible":["r"],"required":["r"],"invalid":["r"],"complete":false})j"},
          {R"j({"r":[" ","x"]})j", R"j({"visible":["r","seen"],"required":["r"],"invalid":[],"complete":true})j"},
          {R"j({"r":[null]})j", R"j({"visible":["r"],"required":["r"],"invalid":["r"],"complete":false})j"},
          {R"j({"r":[0]})j", R"j({"visible":["r","seen"],"required":["r"],"invalid":[],"complete":true})j"},
          {R"j({"r":["a"," "]})j", R"j({"visible":["r"],"required":["r"],"invalid":["r"],"complete":false})j"},
          {R"j({"r":["a"]})j", R"j({"visible":["r","seen"],"required":["r"],"invalid":[],"complete":true})j"},
          {R"j({"r":" x "})j", R"j({"visible":["r","seen"],"required":["r"],"invalid":[],"complete":true})j"},
         }},
    };
    for (const CheckSuite& suite : suites) {
        CAPTURE(std::string(suite.name));
        const auto loaded = canvass::survey::load_survey(nlohmann::json::parse(suite.survey), "t.json");
        REQUIRE(loaded.ok());
        for (const CheckRow& row : suite.rows) {
            CAPTURE(std::string(row.answers));
            const auto result = canvass::survey::check(*loaded, nlohmann::json::parse(row.answers), kNow);
            CHECK(result.to_json_line() == row.expected);
        }
    }
}

TEST_CASE("check treats answers that are not an object as no answers") {
    const auto loaded = canvass::survey::load_survey(nlohmann::json::parse(R"({"pages":[{"name":"p","elements":[{"type":"text","name":"q","isRequired":true}]}]})"), "t.json");
    REQUIRE(loaded.ok());
    CHECK(canvass::survey::check(*loaded, nlohmann::json::array(), kNow).to_json_line() ==
          R"({"visible":["q"],"required":["q"],"invalid":["q"],"complete":false})");
}

