// Disclosure control: small counts are suppressed, and no suppressed cell can be worked out from
// what is published. The proof is independent of the method: for small random tables, every
// whole-number table that agrees with the published cells is listed by brute force, and each
// suppressed cell must take at least two values across them.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "core/results/disclosure.h"

using canvass::results::CellKind;
using canvass::results::DisclosureProblem;

namespace {

// A rows x cols table of counts with its row totals, column totals and a published grand total.
struct Table {
    int rows = 0, cols = 0;
    std::vector<std::int64_t> inner;
    DisclosureProblem problem;
    std::vector<int> inner_cells, row_cells, col_cells;
    int total_cell = -1;
    std::int64_t total = 0;
};

Table make_table(int rows, int cols, const std::vector<std::int64_t>& inner) {
    Table t;
    t.rows = rows;
    t.cols = cols;
    t.inner = inner;
    for (std::int64_t v : inner) t.total += v;
    t.total_cell = t.problem.add_cell(t.total, CellKind::Count, false, true);
    for (std::int64_t v : inner) t.inner_cells.push_back(t.problem.add_cell(v));
    std::vector<std::pair<int, std::int64_t>> all_rows{{t.total_cell, -1}}, all_cols{{t.total_cell, -1}};
    for (int r = 0; r < rows; ++r) {
        std::int64_t sum = 0;
        for (int c = 0; c < cols; ++c) sum += inner[static_cast<std::size_t>(r * cols + c)];
        t.row_cells.push_back(t.problem.add_cell(sum));
        std::vector<std::pair<int, std::int64_t>> terms{{t.row_cells.back(), -1}};
        for (int c = 0; c < cols; ++c) terms.emplace_back(t.inner_cells[static_cast<std::size_t>(r * cols + c)], 1);
        t.problem.add_equation(std::move(terms));
        all_rows.emplace_back(t.row_cells.back(), 1);
    }
    for (int c = 0; c < cols; ++c) {
        std::int64_t sum = 0;
        for (int r = 0; r < rows; ++r) sum += inner[static_cast<std::size_t>(r * cols + c)];
        t.col_cells.push_back(t.problem.add_cell(sum));
        std::vector<std::pair<int, std::int64_t>> terms{{t.col_cells.back(), -1}};
        for (int r = 0; r < rows; ++r) terms.emplace_back(t.inner_cells[static_cast<std::size_t>(r * cols + c)], 1);
        t.problem.add_equation(std::move(terms));
        all_cols.emplace_back(t.col_cells.back(), 1);
    }
    t.problem.add_equation(std::move(all_rows));
    t.problem.add_equation(std::move(all_cols));
    return t;
}

// Every value each suppressed cell can take in a table that agrees with what is published:
// whole numbers, a suppressed count at least 1 (0 would have been published). Brute force over
// the suppressed inner cells; the totals follow from them.
std::vector<std::set<std::int64_t>> possible_values(const Table& t) {
    const DisclosureProblem& p = t.problem;
    std::vector<std::set<std::int64_t>> seen(static_cast<std::size_t>(p.cell_count()));
    std::vector<std::int64_t> guess = t.inner;
    std::vector<int> unknown;
    for (std::size_t i = 0; i < t.inner.size(); ++i) {
        if (p.suppressed(t.inner_cells[i])) unknown.push_back(static_cast<int>(i));
    }
    const auto fits = [&](int cell, std::int64_t value) { return p.suppressed(cell) ? value >= 1 : value == p.value(cell); };
    std::vector<std::int64_t> row_sum(static_cast<std::size_t>(t.rows)), col_sum(static_cast<std::size_t>(t.cols));
    const auto check = [&]() {
        std::fill(row_sum.begin(), row_sum.end(), 0);
        std::fill(col_sum.begin(), col_sum.end(), 0);
        std::int64_t total = 0;
        for (int r = 0; r < t.rows; ++r) {
            for (int c = 0; c < t.cols; ++c) {
                const std::int64_t v = guess[static_cast<std::size_t>(r * t.cols + c)];
                row_sum[static_cast<std::size_t>(r)] += v;
                col_sum[static_cast<std::size_t>(c)] += v;
                total += v;
            }
        }
        if (total != t.total) return;
        for (int r = 0; r < t.rows; ++r) {
            if (!fits(t.row_cells[static_cast<std::size_t>(r)], row_sum[static_cast<std::size_t>(r)])) return;
        }
        for (int c = 0; c < t.cols; ++c) {
            if (!fits(t.col_cells[static_cast<std::size_t>(c)], col_sum[static_cast<std::size_t>(c)])) return;
        }
        for (std::size_t i = 0; i < guess.size(); ++i) seen[static_cast<std::size_t>(t.inner_cells[i])].insert(guess[i]);
        for (int r = 0; r < t.rows; ++r) seen[static_cast<std::size_t>(t.row_cells[static_cast<std::size_t>(r)])].insert(row_sum[static_cast<std::size_t>(r)]);
        for (int c = 0; c < t.cols; ++c) seen[static_cast<std::size_t>(t.col_cells[static_cast<std::size_t>(c)])].insert(col_sum[static_cast<std::size_t>(c)]);
    };
    const auto search = [&](auto&& self, std::size_t next, std::int64_t used) -> void {
        if (next == unknown.size()) return check();
        for (std::int64_t v = 1; used + v <= t.total; ++v) {
            guess[static_cast<std::size_t>(unknown[next])] = v;
            self(self, next + 1, used + v);
        }
    };
    std::int64_t known = 0;
    for (std::size_t i = 0; i < t.inner.size(); ++i) {
        if (!p.suppressed(t.inner_cells[i])) known += t.inner[i];
    }
    search(search, 0, known);
    return seen;
}

}  // namespace

TEST_CASE("a small count is suppressed, and so is a partner, so the total does not give it away") {
    DisclosureProblem p;
    const int total = p.add_cell(53, CellKind::Count, false, true);
    const int small = p.add_cell(3), middle = p.add_cell(20), large = p.add_cell(30);
    p.add_equation({{total, -1}, {small, 1}, {middle, 1}, {large, 1}});
    CHECK(p.protect(10));
    CHECK(p.suppressed(small));
    CHECK(p.suppressed(middle));  // the smallest other count
    CHECK_FALSE(p.suppressed(large));
    CHECK(p.unprotected().empty());
}

TEST_CASE("two suppressed counts that could only both be 1 are not protected") {
    // 1 + 1 = 2: a reader who knows each hidden count is at least 1 knows both.
    DisclosureProblem p;
    const int total = p.add_cell(22, CellKind::Count, false, true);
    const int a = p.add_cell(1), b = p.add_cell(1), c = p.add_cell(20);
    p.add_equation({{total, -1}, {a, 1}, {b, 1}, {c, 1}});
    p.suppress(a);
    p.suppress(b);
    CHECK(p.unprotected() == std::vector<int>{a, b});
    CHECK(p.protect(3));
    CHECK(p.suppressed(c));
}

TEST_CASE("a published mean is an equation too: it cannot give a suppressed rating count away") {
    // Ratings 1..3 with counts 2, 15, 13 and the sum behind the mean published: suppressing the 2
    // and the 13 alone would leave 1*a + 3*c = 41 and a + c = 15, which has one answer.
    DisclosureProblem p;
    const int answered = p.add_cell(30, CellKind::Count, false, true);
    const int one = p.add_cell(2), two = p.add_cell(15), three = p.add_cell(13);
    const int sum = p.add_cell(2 * 1 + 15 * 2 + 13 * 3, CellKind::Sum);
    p.add_equation({{answered, -1}, {one, 1}, {two, 1}, {three, 1}});
    p.add_equation({{sum, -1}, {one, 1}, {two, 2}, {three, 3}});
    CHECK(p.protect(10));
    CHECK(p.suppressed(one));
    CHECK(p.suppressed(sum));  // withholding the mean is the cheapest protection
    CHECK(p.unprotected().empty());
}

TEST_CASE("no suppressed cell of a random table can be worked out (brute force over every table that fits)") {
    std::mt19937 random(20261127);
    int tables = 0, with_suppression = 0;
    for (int round = 0; round < 160; ++round) {
        const int rows = 2 + static_cast<int>(random() % 2), cols = 2 + static_cast<int>(random() % 2);
        const int k = 3 + static_cast<int>(random() % 2);
        std::vector<std::int64_t> inner(static_cast<std::size_t>(rows * cols));
        for (std::int64_t& v : inner) v = random() % 4 == 0 ? 0 : static_cast<std::int64_t>(random() % 6);
        Table t = make_table(rows, cols, inner);
        if (t.total < k || t.total > 22) continue;
        ++tables;
        CAPTURE(round);
        CAPTURE(rows);
        CAPTURE(cols);
        CAPTURE(k);
        const bool protected_all = t.problem.protect(k);
        bool any = false;
        for (int cell = 0; cell < t.problem.cell_count(); ++cell) {
            const std::int64_t v = t.problem.value(cell);
            CAPTURE(cell);
            CAPTURE(v);
            if (!t.problem.suppressed(cell)) CHECK_FALSE((v >= 1 && v < k));  // no small count is published
            any = any || t.problem.suppressed(cell);
        }
        if (!protected_all) continue;  // the caller withholds the whole table
        with_suppression += any;
        const std::vector<std::set<std::int64_t>> seen = possible_values(t);
        for (int cell = 0; cell < t.problem.cell_count(); ++cell) {
            if (!t.problem.suppressed(cell)) continue;
            CAPTURE(cell);
            CHECK(seen[static_cast<std::size_t>(cell)].count(t.problem.value(cell)) == 1);  // the truth fits
            CHECK(seen[static_cast<std::size_t>(cell)].size() >= 2);                        // and so does another value
        }
    }
    CHECK(tables >= 60);
    CHECK(with_suppression >= 30);
}
