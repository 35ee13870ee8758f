// Statistical disclosure control for published tables: primary suppression of small counts and
// secondary suppression until no suppressed cell can be worked out from what is published.
//
// A problem is a set of cells (counts, and sums behind published means) and the linear equations
// that hold between them and that a reader knows (a row adds up to its total; the areas add up to
// everyone). A suppressed cell is protected when the published cells and the equations leave it
// at least two possible values: we look for a whole-number change to the suppressed cells that
// keeps every equation true and every suppressed count at 1 or more (a reader knows a suppressed
// count is not 0, because 0 is published). docs/reports.md says what this does not protect against.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace canvass::results {

enum class CellKind : std::uint8_t {
    Count,  // people: suppressed when 1 to k-1; a reader knows a suppressed count is at least 1
    Sum,    // the sum behind a mean (ratings, ranks, numbers): withheld, never primary; at least 0
};

class DisclosureProblem {
public:
    // A cell. A locked cell's suppression was decided elsewhere (a group's size, published in the
    // summary): it is never suppressed or released here, but its equations still count.
    int add_cell(std::int64_t value, CellKind kind = CellKind::Count, bool suppressed = false, bool locked = false);
    // sum(coefficient * cell) == 0 holds and the reader knows it.
    void add_equation(std::vector<std::pair<int, std::int64_t>> terms);

    // Suppresses every unlocked count from 1 to k-1, then more cells (a withheld mean first, else
    // the smallest count that shares an equation) until every suppressed cell is protected. A
    // cell suppressed only to protect another that turns out to be pinned down by what is
    // published anyway is published again (it is at least k). Returns false when protection is
    // impossible; the caller then withholds the whole table.
    bool protect(int k);

    bool suppressed(int cell) const { return cells_[static_cast<std::size_t>(cell)].suppressed; }
    void suppress(int cell) { cells_[static_cast<std::size_t>(cell)].suppressed = true; }
    std::int64_t value(int cell) const { return cells_[static_cast<std::size_t>(cell)].value; }
    int cell_count() const { return static_cast<int>(cells_.size()); }

    // The suppressed cells a reader could work out (empty when every one is protected).
    std::vector<int> unprotected() const;

private:
    struct Cell {
        std::int64_t value = 0;
        CellKind kind = CellKind::Count;
        bool suppressed = false;
        bool locked = false;
        bool required = false;  // a small count, or withheld by the caller: must stay suppressed
        bool pinned = false;    // a reader can work it out whatever else is hidden: published
    };
    void release_spare_helpers();
    // The next cell to suppress so that `cell` gains protection, or -1 when none is left.
    int next_to_suppress(int cell) const;

    std::vector<Cell> cells_;
    std::vector<std::vector<std::pair<int, std::int64_t>>> equations_;
    std::vector<std::vector<int>> equations_of_;  // per cell: the equations it is in
};

}  // namespace canvass::results
