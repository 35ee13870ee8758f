// Writing the raw responses as CSV (core/results/raw_csv.h).
//
// Sections:
//   1. Cells: value text, the formula guard, RFC 4180 quoting
//   2. The columns each question gets
//   3. Writing the file
#include "core/results/raw_csv.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/results/value_key.h"

namespace canvass::results {
namespace {

using nlohmann::json;
using survey::Element;
using survey::ElementType;

// --- 1. Cells -------------------------------------------------------------------------------

// Spreadsheet formula injection (OWASP, "CSV Injection"): Excel, LibreOffice and Google Sheets
// run a cell that starts with =, +, - or @ as a formula (and a leading TAB or CR can hide one),
// so a respondent who types =HYPERLINK(...) or a DDE command could act on the computer of
// whoever opens the file. A single quote in front makes the spreadsheet show the text as text.
// Only text is guarded: a JSON number such as -3 cannot be a formula, and quoting it would
// stop it being a number to the analyst.
std::string guarded(std::string text) {
    if (!text.empty()) {
        const char first = text.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') text.insert(0, 1, '\'');
    }
    return text;
}

// A cell for an answer value: text is guarded, numbers and booleans are written as they are,
// and a list or object (another version's answer under the same name) as its JSON, guarded.
std::string value_cell(const json& value) {
    if (value.is_null()) return {};
    if (value.is_number() || value.is_boolean()) return value_key(value);
    return guarded(value_key(value));
}

// RFC 4180: a field holding a comma, quote, CR or LF is quoted, with its quotes doubled.
void append_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        append_field(out, cells[i]);
    }
    out += "\r\n";
}

// --- 2. The columns each question gets ------------------------------------------------------

enum class Shape { Value, Ticks, Ranks, Rows };

// One question's columns: `items` are the choice values (ticks, ranks) or the matrix's rows.
struct QuestionColumns {
    const Element* element = nullptr;
    Shape shape = Shape::Value;
    std::vector<std::string> items;
    std::unordered_map<std::string, std::size_t> item_index;
    int other = -1, none = -1;  // ticks: the Other and None columns' indices in `items` order, -1 when not shown
    bool comment = false;       // a NAME-Comment column for the Other text
};

bool has_columns(ElementType type) {
    return type != ElementType::Html && type != ElementType::Expression && type != ElementType::Panel;
}

void add_item(QuestionColumns& columns, std::string key) {
    columns.item_index.emplace(key, columns.items.size());
    columns.items.push_back(std::move(key));
}

QuestionColumns columns_for(const Element& element) {
    QuestionColumns columns;
    columns.element = &element;
    switch (element.type) {
        case ElementType::Checkbox:
            columns.shape = Shape::Ticks;
            for (const survey::Choice& choice : element.choices) add_item(columns, value_key(choice.value));
            // Other and None are matched apart from the choices, so a choice that happens to be
            // valued "none" keeps its own column.
            if (element.show_other) {
                columns.other = static_cast<int>(columns.items.size());
                columns.items.push_back("other");
            }
            if (element.show_none) {
                columns.none = static_cast<int>(columns.items.size());
                columns.items.push_back("none");
            }
            break;
        case ElementType::Ranking:
            columns.shape = Shape::Ranks;
            for (const survey::Choice& choice : element.choices) add_item(columns, value_key(choice.value));
            break;
        case ElementType::Matrix:
            columns.shape = Shape::Rows;
            for (const survey::Choice& row : element.rows) add_item(columns, value_key(row.value));
            break;
        default: columns.shape = Shape::Value; break;
    }
    columns.comment = element.show_other && (columns.shape == Shape::Value || columns.shape == Shape::Ticks);
    return columns;
}

void add_headers(const QuestionColumns& columns, std::vector<std::string>& header) {
    const std::string& name = columns.element->name;
    if (columns.shape == Shape::Value) {
        header.push_back(guarded(name));
    } else {
        for (const std::string& item : columns.items) header.push_back(guarded(name + "/" + item));
    }
    if (columns.comment) header.push_back(guarded(name + "-Comment"));
}

const json* find_key(const json& data, const std::string& key) {
    if (!data.is_object()) return nullptr;
    const auto found = data.find(key);
    return found == data.end() ? nullptr : &*found;
}

void add_cells(const QuestionColumns& columns, const json& data, std::vector<std::string>& row) {
    const std::string& name = columns.element->name;
    const json* answer = find_key(data, name);
    const std::size_t first = row.size();
    switch (columns.shape) {
        case Shape::Value: row.push_back(answer ? value_cell(*answer) : std::string()); break;
        case Shape::Ticks: {
            row.resize(first + columns.items.size());
            if (!answer) break;
            // A single value is taken as a one-item list: the question was single-choice in
            // the version this answer came from.
            const json list = answer->is_array() ? *answer : json::array({*answer});
            for (const json& item : list) {
                const std::string key = value_key(item);
                const auto found = columns.item_index.find(key);
                if (found != columns.item_index.end()) row[first + found->second] = "1";
                else if (key == "other" && columns.other >= 0) row[first + static_cast<std::size_t>(columns.other)] = "1";
                else if (key == "none" && columns.none >= 0) row[first + static_cast<std::size_t>(columns.none)] = "1";
            }
            break;
        }
        case Shape::Ranks: {
            row.resize(first + columns.items.size());
            if (!answer || !answer->is_array()) break;
            // Ranks count only the items this survey lists, so they run 1..n with no gaps.
            int ranked = 0;
            for (const json& item : *answer) {
                const auto found = columns.item_index.find(value_key(item));
                if (found == columns.item_index.end() || !row[first + found->second].empty()) continue;
                row[first + found->second] = std::to_string(++ranked);
            }
            break;
        }
        case Shape::Rows:
            for (const std::string& item : columns.items) {
                const json* cell = answer ? find_key(*answer, item) : nullptr;
                row.push_back(cell ? value_cell(*cell) : std::string());
            }
            break;
    }
    if (columns.comment) {
        const json* other_text = find_key(data, name + "-Comment");
        row.push_back(other_text ? value_cell(*other_text) : std::string());
    }
}

}  // namespace

// --- 3. Writing the file --------------------------------------------------------------------

std::string write_raw_csv(const survey::Survey& survey, const std::vector<StoredResponse>& responses) {
    std::vector<QuestionColumns> questions;
    for (const int q : survey.questions) {
        const Element& element = survey.elements[static_cast<std::size_t>(q)];
        if (has_columns(element.type)) questions.push_back(columns_for(element));
    }

    // The byte-order mark makes Excel read the file as UTF-8 (without it, "Więcej" turns into
    // mojibake on a Windows PC); other spreadsheets skip it.
    std::string out = "\xEF\xBB\xBF";
    append_row(out, {std::string(kRawCsvMarker)});

    std::vector<std::string> row = {"response_id", "survey_version", "submitted", "channel", "locale", "device"};
    for (const QuestionColumns& columns : questions) add_headers(columns, row);
    append_row(out, row);

    for (const StoredResponse& response : responses) {
        row.clear();
        for (const std::string* field : {&response.id, &response.survey_version, &response.submitted_at, &response.channel,
                                         &response.locale, &response.device_id}) {
            row.push_back(guarded(*field));
        }
        // Answers that are not an object (never written by Canvass) leave the answer cells empty.
        const json data = json::parse(response.data_json, nullptr, false);
        for (const QuestionColumns& columns : questions) add_cells(columns, data, row);
        append_row(out, row);
    }
    return out;
}

}  // namespace canvass::results
