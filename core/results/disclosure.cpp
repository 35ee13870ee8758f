// Disclosure control: which suppressed cells a reader could work out, and what to suppress next.
//
// Sections: 1. Exact fractions; 2. Protection (row reduction and whole-number moves);
//           3. Choosing what to suppress next; 4. protect.
#include "core/results/disclosure.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <queue>

namespace canvass::results {
namespace {

// --- 1. Exact fractions ---------------------------------------------------------------------
// The equations have small whole coefficients, so exact arithmetic is cheap and never rounds a
// cell into looking protected.
struct Fraction {
    std::int64_t num = 0, den = 1;
    bool zero() const { return num == 0; }
};

Fraction make_fraction(std::int64_t num, std::int64_t den) {
    if (den < 0) num = -num, den = -den;
    const std::int64_t g = std::gcd(num < 0 ? -num : num, den);
    return g > 1 ? Fraction{num / g, den / g} : Fraction{num, den};
}
Fraction operator*(Fraction a, Fraction b) { return make_fraction(a.num * b.num, a.den * b.den); }
Fraction operator/(Fraction a, Fraction b) { return make_fraction(a.num * b.den, a.den * b.num); }
Fraction operator-(Fraction a, Fraction b) { return make_fraction(a.num * b.den - b.num * a.den, a.den * b.den); }

// The fallback test for a cell the moves above do not reach: a small linear programme (two-phase
// simplex, Bland's rule) asking how far the cell can go up, and down, while every equation holds
// and every suppressed cell stays at or above its floor. It answers over the real numbers; for
// tables of counts with totals the answer is the same in whole numbers.
bool can_move(const std::vector<std::vector<double>>& a, const std::vector<double>& lower, std::size_t j, double direction) {
    // Variables y = d - lower >= 0, where d is the change; A d = 0 becomes A y = -A lower.
    // One more row bounds the change: direction * d_j <= 1, with a slack variable.
    const std::size_t n = lower.size(), m = a.size() + 1, width = n + 1 + m + 1;  // y, slack, artificials, rhs
    std::vector<std::vector<double>> t(m + 1, std::vector<double>(width, 0.0));
    for (std::size_t r = 0; r < a.size(); ++r) {
        double rhs = 0;
        for (std::size_t c = 0; c < n; ++c) {
            t[r][c] = a[r][c];
            rhs -= a[r][c] * lower[c];
        }
        t[r][width - 1] = rhs;
    }
    // direction * (y_j + lower_j) + slack = 1
    t[m - 1][j] = direction;
    t[m - 1][n] = 1;
    t[m - 1][width - 1] = 1 - direction * lower[j];
    for (std::size_t r = 0; r < m; ++r) {
        if (t[r][width - 1] < 0) {
            for (double& v : t[r]) v = -v;
        }
        t[r][n + 1 + r] = 1;  // artificial
    }
    std::vector<std::size_t> basis(m);
    for (std::size_t r = 0; r < m; ++r) basis[r] = n + 1 + r;
    constexpr double eps = 1e-9;
    const auto pivot = [&](std::size_t row, std::size_t col) {
        const double p = t[row][col];
        for (double& v : t[row]) v /= p;
        for (std::size_t r = 0; r <= m; ++r) {
            if (r == row || std::fabs(t[r][col]) < eps) continue;
            const double f = t[r][col];
            for (std::size_t c = 0; c < width; ++c) t[r][c] -= f * t[row][c];
        }
        basis[row] = col;
    };
    // Runs the simplex on objective row m (maximise: reduced costs negative means improvable),
    // over columns [0, columns). Returns false when unbounded.
    const auto run = [&](std::size_t columns) {
        for (int guard = 0; guard < 5000; ++guard) {
            std::size_t col = columns;
            for (std::size_t c = 0; c < columns; ++c) {
                if (t[m][c] < -eps) { col = c; break; }
            }
            if (col == columns) return true;
            std::size_t row = m;
            double best = 0;
            for (std::size_t r = 0; r < m; ++r) {
                if (t[r][col] > eps) {
                    const double ratio = t[r][width - 1] / t[r][col];
                    if (row == m || ratio < best - eps || (ratio < best + eps && basis[r] < basis[row])) row = r, best = ratio;
                }
            }
            if (row == m) return false;
            pivot(row, col);
        }
        return true;
    };
    // Phase 1: minimise the artificials (maximise their negative sum).
    for (std::size_t r = 0; r < m; ++r) {
        for (std::size_t c = 0; c < width; ++c) {
            if (c < n + 1 || c == width - 1) t[m][c] -= t[r][c];
        }
    }
    run(n + 1);
    if (t[m][width - 1] < -eps) return false;  // infeasible: cannot happen (d = 0 fits), kept safe
    // Drive any artificial still in the basis out, or leave it at zero.
    for (std::size_t r = 0; r < m; ++r) {
        if (basis[r] < n + 1) continue;
        for (std::size_t c = 0; c < n + 1; ++c) {
            if (std::fabs(t[r][c]) > eps) { pivot(r, c); break; }
        }
    }
    // Phase 2: maximise direction * d_j, i.e. direction * y_j.
    std::fill(t[m].begin(), t[m].end(), 0.0);
    t[m][j] = -direction;
    for (std::size_t r = 0; r < m; ++r) {
        const std::size_t b = basis[r];
        if (b < n + 1 && std::fabs(t[m][b]) > eps) {
            const double f = t[m][b];
            for (std::size_t c = 0; c < width; ++c) t[m][c] -= f * t[r][c];
        }
    }
    for (std::size_t r = 0; r < m; ++r) {
        if (basis[r] >= n + 1) t[r].assign(width, 0.0), t[r][basis[r]] = 1;  // a zero artificial row
    }
    if (!run(n + 1)) return true;
    const double best = t[m][width - 1] + direction * lower[j];  // the objective is direction * (y_j + lower_j)
    return best > 1e-7;
}

}  // namespace


int DisclosureProblem::add_cell(std::int64_t value, CellKind kind, bool suppressed, bool locked) {
    cells_.push_back(Cell{value, kind, suppressed, locked});
    equations_of_.emplace_back();
    return static_cast<int>(cells_.size()) - 1;
}

void DisclosureProblem::add_equation(std::vector<std::pair<int, std::int64_t>> terms) {
    const int index = static_cast<int>(equations_.size());
    for (const auto& [cell, coefficient] : terms) {
        if (coefficient != 0) equations_of_[static_cast<std::size_t>(cell)].push_back(index);
    }
    equations_.push_back(std::move(terms));
}

// --- 2. Protection --------------------------------------------------------------------------
// The suppressed cells split into groups that share equations; each group is row-reduced on its
// own. A free column of the reduced rows gives a direction in which the suppressed cells can
// change while every equation still holds; scaled to the smallest whole numbers, if a step one way
// or the other keeps every suppressed count at 1 or more (and every sum at 0 or more), each cell
// it moves has two possible values, so none of them can be worked out. Checking these directions
// one at a time and in pairs, not every combination, can call a cell unprotected that is not: it
// then suppresses a cell more than it needed to, never fewer.
std::vector<int> DisclosureProblem::unprotected() const {
    const int n = cell_count();
    // Group the suppressed cells that share an equation (union-find).
    std::vector<int> parent(static_cast<std::size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    const auto find = [&](int x) {
        while (parent[static_cast<std::size_t>(x)] != x) x = parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
        return x;
    };
    for (const auto& equation : equations_) {
        int first = -1;
        for (const auto& [cell, coefficient] : equation) {
            if (coefficient == 0 || !suppressed(cell)) continue;
            if (first < 0) first = cell;
            else parent[static_cast<std::size_t>(find(cell))] = find(first);
        }
    }
    std::vector<std::vector<int>> groups_by_root(static_cast<std::size_t>(n));
    for (int cell = 0; cell < n; ++cell) {
        if (suppressed(cell)) groups_by_root[static_cast<std::size_t>(find(cell))].push_back(cell);
    }

    std::vector<int> open;
    std::vector<int> column_of(static_cast<std::size_t>(n), -1);
    for (const std::vector<int>& group : groups_by_root) {
        if (group.empty()) continue;
        const std::size_t width = group.size();
        for (std::size_t i = 0; i < width; ++i) column_of[static_cast<std::size_t>(group[i])] = static_cast<int>(i);
        // The equations that touch this group, as rows over its cells.
        std::vector<char> used(equations_.size(), 0);
        std::vector<std::vector<Fraction>> rows;
        for (int cell : group) {
            for (int e : equations_of_[static_cast<std::size_t>(cell)]) {
                if (used[static_cast<std::size_t>(e)]) continue;
                used[static_cast<std::size_t>(e)] = 1;
                std::vector<Fraction> row(width);
                for (const auto& [other, coefficient] : equations_[static_cast<std::size_t>(e)]) {
                    if (suppressed(other) && coefficient != 0) {
                        Fraction& slot = row[static_cast<std::size_t>(column_of[static_cast<std::size_t>(other)])];
                        slot = make_fraction(slot.num + coefficient * slot.den, slot.den);
                    }
                }
                rows.push_back(std::move(row));
            }
        }
        // Reduced row echelon form.
        std::vector<int> pivot_row(width, -1);
        std::size_t rank = 0;
        for (std::size_t c = 0; c < width && rank < rows.size(); ++c) {
            std::size_t p = rank;
            while (p < rows.size() && rows[p][c].zero()) ++p;
            if (p == rows.size()) continue;
            std::swap(rows[p], rows[rank]);
            const Fraction pivot = rows[rank][c];
            for (Fraction& value : rows[rank]) value = value / pivot;
            for (std::size_t r = 0; r < rows.size(); ++r) {
                if (r == rank || rows[r][c].zero()) continue;
                const Fraction factor = rows[r][c];
                for (std::size_t j = c; j < width; ++j) {
                    if (!rows[rank][j].zero()) rows[r][j] = rows[r][j] - factor * rows[rank][j];
                }
            }
            pivot_row[c] = static_cast<int>(rank++);
        }
        // Each free column's direction, as whole numbers.
        std::vector<std::vector<std::int64_t>> directions;
        for (std::size_t f = 0; f < width; ++f) {
            if (pivot_row[f] >= 0) continue;
            std::vector<Fraction> direction(width);
            direction[f] = Fraction{1, 1};
            for (std::size_t c = 0; c < width; ++c) {
                if (pivot_row[c] >= 0) direction[c] = make_fraction(-rows[static_cast<std::size_t>(pivot_row[c])][f].num, rows[static_cast<std::size_t>(pivot_row[c])][f].den);
            }
            std::int64_t scale = 1;
            for (const Fraction& d : direction) scale = std::lcm(scale, d.den);
            std::vector<std::int64_t> step(width);
            for (std::size_t c = 0; c < width; ++c) step[c] = direction[c].num * (scale / direction[c].den);
            directions.push_back(std::move(step));
        }
        std::vector<char> safe(width, 0);
        // A move, made as small as whole numbers allow, that keeps every suppressed value possible
        // one way or the other protects every cell it changes.
        const auto try_move = [&](std::vector<std::int64_t> step) {
            std::int64_t common = 0;
            for (std::int64_t s : step) common = std::gcd(common, s < 0 ? -s : s);
            if (common == 0) return;
            for (std::int64_t& s : step) s /= common;
            const auto stays_possible = [&](int sign) {
                for (std::size_t c = 0; c < width; ++c) {
                    const Cell& cell = cells_[static_cast<std::size_t>(group[c])];
                    const std::int64_t floor = cell.kind == CellKind::Count ? 1 : 0;
                    if (step[c] != 0 && cell.value + sign * step[c] < floor) return false;
                }
                return true;
            };
            if (!stays_possible(1) && !stays_possible(-1)) return;
            for (std::size_t c = 0; c < width; ++c) safe[c] |= step[c] != 0;
        };
        for (const auto& step : directions) try_move(step);
        // Two directions together can move a cell that neither can alone without taking another
        // cell below 1 (1 + 1 + 20: the two 1s can trade with the 20, not with each other).
        const auto all_safe = [&] { return std::all_of(safe.begin(), safe.end(), [](char s) { return s != 0; }); };
        for (std::size_t a = 0; a < directions.size() && !all_safe(); ++a) {
            for (std::size_t b = a + 1; b < directions.size(); ++b) {
                for (int sign : {1, -1}) {
                    std::vector<std::int64_t> step(width);
                    for (std::size_t c = 0; c < width; ++c) step[c] = directions[a][c] + sign * directions[b][c];
                    try_move(std::move(step));
                }
            }
        }
        if (!all_safe()) {
            std::vector<std::vector<double>> a;
            for (std::size_t e = 0; e < equations_.size(); ++e) {
                if (!used[e]) continue;
                std::vector<double> row(width, 0.0);
                for (const auto& [other, coefficient] : equations_[e]) {
                    if (suppressed(other) && coefficient != 0) row[static_cast<std::size_t>(column_of[static_cast<std::size_t>(other)])] += static_cast<double>(coefficient);
                }
                a.push_back(std::move(row));
            }
            std::vector<double> lower(width);
            for (std::size_t c = 0; c < width; ++c) {
                const Cell& cell = cells_[static_cast<std::size_t>(group[c])];
                lower[c] = static_cast<double>((cell.kind == CellKind::Count ? 1 : 0) - cell.value);
            }
            for (std::size_t c = 0; c < width; ++c) {
                if (!safe[c]) safe[c] = can_move(a, lower, c, 1.0) || can_move(a, lower, c, -1.0);
            }
        }
        for (std::size_t c = 0; c < width; ++c) {
            if (!safe[c]) open.push_back(group[c]);
        }
    }
    std::sort(open.begin(), open.end());
    return open;
}

// --- 3. Choosing what to suppress next ------------------------------------------------------
// The nearest cells first: those sharing an equation with `cell`, then those reached through
// other suppressed cells. Among the nearest, a withheld mean costs a reader least, then the
// smallest count.
int DisclosureProblem::next_to_suppress(int cell) const {
    const auto better = [&](int a, int b) {
        if (b < 0) return true;
        const Cell& x = cells_[static_cast<std::size_t>(a)];
        const Cell& y = cells_[static_cast<std::size_t>(b)];
        if (x.kind != y.kind) return x.kind == CellKind::Sum;
        return x.value != y.value ? x.value < y.value : a < b;
    };
    const auto candidate = [&](int c) {
        const Cell& x = cells_[static_cast<std::size_t>(c)];
        return !x.suppressed && !x.locked && !x.pinned && (x.kind == CellKind::Sum || x.value > 0);
    };
    std::vector<char> seen_cell(cells_.size(), 0), seen_equation(equations_.size(), 0);
    std::vector<int> frontier{cell};
    seen_cell[static_cast<std::size_t>(cell)] = 1;
    while (!frontier.empty()) {
        int best = -1;
        std::vector<int> next;
        for (int from : frontier) {
            for (int e : equations_of_[static_cast<std::size_t>(from)]) {
                if (seen_equation[static_cast<std::size_t>(e)]) continue;
                seen_equation[static_cast<std::size_t>(e)] = 1;
                for (const auto& [other, coefficient] : equations_[static_cast<std::size_t>(e)]) {
                    if (coefficient == 0 || seen_cell[static_cast<std::size_t>(other)]) continue;
                    if (candidate(other) && better(other, best)) best = other;
                    if (suppressed(other)) {
                        seen_cell[static_cast<std::size_t>(other)] = 1;
                        next.push_back(other);
                    }
                }
            }
        }
        if (best >= 0) return best;
        frontier = std::move(next);
    }
    int best = -1;
    for (int c = 0; c < cell_count(); ++c) {
        if (candidate(c) && better(c, best)) best = c;
    }
    return best;
}

// Helpers are chosen one at a time, nearest first, so an early choice can turn out not to be
// needed once later ones are hidden. Try publishing each again, largest first (the most useful to
// a reader), and keep it published when everything stays protected.
void DisclosureProblem::release_spare_helpers() {
    std::vector<int> helpers;
    for (int c = 0; c < cell_count(); ++c) {
        const Cell& cell = cells_[static_cast<std::size_t>(c)];
        if (cell.suppressed && !cell.required && !cell.locked) helpers.push_back(c);
    }
    std::stable_sort(helpers.begin(), helpers.end(), [&](int a, int b) {
        const Cell& x = cells_[static_cast<std::size_t>(a)];
        const Cell& y = cells_[static_cast<std::size_t>(b)];
        if (x.kind != y.kind) return x.kind == CellKind::Count;  // a count before a mean
        return x.value > y.value;
    });
    for (int c : helpers) {
        cells_[static_cast<std::size_t>(c)].suppressed = false;
        if (!unprotected().empty()) cells_[static_cast<std::size_t>(c)].suppressed = true;
    }
}

// --- 4. protect -----------------------------------------------------------------------------
bool DisclosureProblem::protect(int k) {
    for (Cell& cell : cells_) {
        if (!cell.locked && cell.kind == CellKind::Count && cell.value >= 1 && cell.value < k) cell.suppressed = true;
        cell.required = cell.suppressed && !cell.locked;
    }
    for (;;) {
        const std::vector<int> open = unprotected();
        if (open.empty()) {
            release_spare_helpers();
            return true;
        }
        // A helper cell (hidden only to protect another) that a reader could work out even if
        // every other cell that may be hidden were hidden is pinned down by what must be published:
        // hiding it protects nothing, so it is published (it is at least k) and never chosen again.
        bool released = false;
        const bool any_helper = std::any_of(open.begin(), open.end(), [&](int cell) {
            return !cells_[static_cast<std::size_t>(cell)].required && !cells_[static_cast<std::size_t>(cell)].locked;
        });
        if (any_helper) {
            DisclosureProblem widest = *this;
            for (Cell& c : widest.cells_) {
                if (!c.locked && !c.pinned && (c.kind == CellKind::Sum || c.value > 0)) c.suppressed = true;
            }
            for (int cell : widest.unprotected()) {
                Cell& c = cells_[static_cast<std::size_t>(cell)];
                if (!c.required && !c.locked && c.suppressed) {
                    c.suppressed = false;
                    c.pinned = true;
                    released = true;
                }
            }
        }
        if (released) continue;
        bool added = false;
        for (int cell : open) {
            const int next = next_to_suppress(cell);
            if (next >= 0 && !suppressed(next)) {
                suppress(next);
                added = true;
            }
        }
        if (!added) return false;
    }
}

}  // namespace canvass::results
