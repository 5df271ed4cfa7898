// Difference-bound zones (see zone.hpp).
#include "domains/zone.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::domains {

namespace {

// a + b, where either may be "no bound" (kInfinity); sums beyond the
// magnitude kept are no bound above, and clamped (weaker) below.
std::int64_t add_bounds(std::int64_t a, std::int64_t b) {
    if (a >= Zone::kInfinity || b >= Zone::kInfinity) {
        return Zone::kInfinity;
    }
    // Clamped below 2^62 in magnitude, the sum cannot overflow 64 bits.
    const std::int64_t sum = std::max(a, -Zone::kInfinity + 1) + std::max(b, -Zone::kInfinity + 1);
    if (sum >= Zone::kInfinity) {
        return Zone::kInfinity;
    }
    if (sum <= -Zone::kInfinity) {
        return -Zone::kInfinity + 1;
    }
    return sum;
}

}  // namespace

bool Zone::is_bottom() const {
    if (m_bottom || m_closed) {
        return m_bottom;
    }
    return closed().m_bottom;
}

void Zone::set(Var x, Var y, std::int64_t c) {
    if (x == y) {
        if (c < 0) {
            m_bottom = true;
            m_bounds.clear();
        }
        return;
    }
    if (c >= kInfinity) {
        return;
    }
    c = std::max(c, -kInfinity + 1);
    auto [it, fresh] = m_bounds.try_emplace(Key{x, y}, c);
    if (!fresh) {
        it->second = std::min(it->second, c);
    }
}

void Zone::close() {
    if (m_bottom || m_closed) {
        m_closed = true;
        return;
    }
    const std::vector<Var> vars = variables();
    const std::size_t n = vars.size();
    std::vector<std::int64_t> d(n * n, kInfinity);
    auto index = [&](Var v) {
        return static_cast<std::size_t>(std::lower_bound(vars.begin(), vars.end(), v) - vars.begin());
    };
    for (std::size_t i = 0; i < n; ++i) {
        d[i * n + i] = 0;
    }
    for (const auto& [key, c] : m_bounds) {
        std::int64_t& cell = d[index(key.first) * n + index(key.second)];
        cell = std::min(cell, c);
    }
    // Floyd-Warshall: d[i][j] bounds vars[i] - vars[j].
    for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t i = 0; i < n; ++i) {
            if (d[i * n + k] >= kInfinity) {
                continue;
            }
            for (std::size_t j = 0; j < n; ++j) {
                const std::int64_t through = add_bounds(d[i * n + k], d[k * n + j]);
                if (through < d[i * n + j]) {
                    d[i * n + j] = through;
                }
            }
        }
    }
    m_bounds.clear();
    for (std::size_t i = 0; i < n; ++i) {
        if (d[i * n + i] < 0) {
            m_bottom = true;
            m_bounds.clear();
            m_closed = true;
            return;
        }
        for (std::size_t j = 0; j < n; ++j) {
            if (i != j && d[i * n + j] < kInfinity) {
                m_bounds.emplace(Key{vars[i], vars[j]}, d[i * n + j]);
            }
        }
    }
    m_closed = true;
}

Zone Zone::closed() const {
    Zone z = *this;
    z.close();
    return z;
}

const Zone& Zone::closed_view(std::optional<Zone>& storage) const {
    if (m_closed || m_bottom) {
        return *this;
    }
    storage = closed();
    return *storage;
}

std::vector<Zone::Var> Zone::variables() const {
    std::vector<Var> vars;
    for (const auto& [key, c] : m_bounds) {
        vars.push_back(key.first);
        vars.push_back(key.second);
    }
    std::sort(vars.begin(), vars.end());
    vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
    return vars;
}

bool Zone::mentions(Var x) const {
    return std::any_of(m_bounds.begin(), m_bounds.end(),
                       [x](const auto& entry) { return entry.first.first == x || entry.first.second == x; });
}

bool Zone::leq(const Zone& other) const {
    std::optional<Zone> storage;
    const Zone& a = closed_view(storage);
    if (a.m_bottom) {
        return true;
    }
    if (other.is_bottom()) {
        return false;
    }
    for (const auto& [key, c] : other.m_bounds) {
        const auto it = a.m_bounds.find(key);
        if (it == a.m_bounds.end() || it->second > c) {
            return false;
        }
    }
    return true;
}

void Zone::join_with(const Zone& other) {
    std::optional<Zone> storage;
    const Zone& b = other.closed_view(storage);
    close();
    if (b.m_bottom) {
        return;
    }
    if (m_bottom) {
        *this = b;
        return;
    }
    // Both closed: the pointwise maximum of closed zones is closed.
    for (auto it = m_bounds.begin(); it != m_bounds.end();) {
        const auto found = b.m_bounds.find(it->first);
        if (found == b.m_bounds.end()) {
            it = m_bounds.erase(it);
        } else {
            it->second = std::max(it->second, found->second);
            ++it;
        }
    }
}

void Zone::widen_with(const Zone& other, std::span<const std::int64_t> thresholds) {
    std::optional<Zone> storage;
    const Zone& b = other.closed_view(storage);
    if (b.m_bottom) {
        return;
    }
    if (is_bottom()) {
        *this = b;
        return;
    }
    // The left side is not closed first (nor the result after): closing
    // would bring dropped bounds back and the chain might not stabilise.
    for (auto it = m_bounds.begin(); it != m_bounds.end();) {
        const auto found = b.m_bounds.find(it->first);
        if (found != b.m_bounds.end() && found->second <= it->second) {
            ++it;
            continue;
        }
        std::optional<std::int64_t> next;
        if (found != b.m_bounds.end()) {
            for (const std::int64_t t : thresholds) {
                if (t >= found->second && t < kInfinity && (!next || t < *next)) {
                    next = t;
                }
            }
        }
        if (next) {
            it->second = *next;
            ++it;
        } else {
            it = m_bounds.erase(it);
        }
    }
    m_closed = false;
}

void Zone::narrow_with(const Zone& other) {
    std::optional<Zone> storage;
    const Zone& b = other.closed_view(storage);
    if (b.m_bottom) {
        *this = b;
        return;
    }
    if (m_bottom) {
        return;
    }
    for (const auto& [key, c] : b.m_bounds) {
        m_bounds.try_emplace(key, c);  // only where this side has no bound
    }
    m_closed = false;
}

void Zone::meet_with(const Zone& other) {
    if (m_bottom) {
        return;
    }
    if (other.m_bottom) {
        *this = bottom();
        return;
    }
    for (const auto& [key, c] : other.m_bounds) {
        set(key.first, key.second, c);
    }
    m_closed = false;
    close();
}

void Zone::add(Var x, Var y, std::int64_t c) {
    if (m_bottom) {
        return;
    }
    set(x, y, c);
    m_closed = false;
    close();
}

std::vector<std::pair<Zone::Var, std::int64_t>> Zone::exact_partners(Var x) const {
    std::vector<std::pair<Var, std::int64_t>> partners;
    if (m_bottom || !mentions(x)) {
        return partners;
    }
    std::optional<Zone> storage;
    const Zone& z = closed_view(storage);
    for (const auto& [key, c] : z.m_bounds) {
        if (key.second != x || key.first == kZero || key.first == x) {
            continue;
        }
        const auto back = z.m_bounds.find(Key{x, key.first});
        if (back != z.m_bounds.end() && back->second == -c) {
            partners.emplace_back(key.first, c);  // key.first - x <= c and x - key.first <= -c
        }
    }
    return partners;
}

std::optional<std::int64_t> Zone::bound(Var x, Var y) const {
    if (!m_closed && !m_bottom) {
        return closed().bound(x, y);  // a closed copy; a closed zone is read as it is
    }
    if (m_bottom) {
        return std::nullopt;
    }
    if (x == y) {
        return 0;
    }
    const auto it = m_bounds.find(Key{x, y});
    return it == m_bounds.end() ? std::nullopt : std::optional<std::int64_t>(it->second);
}

std::pair<std::int64_t, std::int64_t> Zone::interval(Var x) const {
    const auto hi = bound(x, kZero);
    const auto lo = bound(kZero, x);
    return {lo ? -*lo : -kInfinity, hi ? *hi : kInfinity};
}

void Zone::forget(Var x) {
    if (m_bottom || m_bounds.empty()) {
        return;
    }
    close();  // keep what x implied between the others
    for (auto it = m_bounds.begin(); it != m_bounds.end();) {
        if (it->first.first == x || it->first.second == x) {
            it = m_bounds.erase(it);
        } else {
            ++it;
        }
    }
}

void Zone::assign(Var x, Var y, std::int64_t c) {
    if (m_bottom) {
        return;
    }
    if (c >= kInfinity || c <= -kInfinity) {
        forget(x);  // a shift this large relates nothing we keep
        return;
    }
    if (x == y) {
        // x' = x + c: x' - z <= b + c and z - x' <= b - c.
        close();
        std::map<Key, std::int64_t> shifted;
        for (const auto& [key, b] : m_bounds) {
            std::int64_t nb = b;
            if (key.first == x) {
                nb = add_bounds(b, c);
            } else if (key.second == x) {
                nb = add_bounds(b, -c);
            }
            if (nb < kInfinity) {
                shifted.emplace(key, nb);
            }
        }
        m_bounds = std::move(shifted);
        return;
    }
    forget(x);
    set(x, y, c);
    set(y, x, add_bounds(0, -c));
    m_closed = false;
    close();
}

std::string Zone::to_string() const {
    if (m_bottom) {
        return "⊥";
    }
    std::string out;
    for (const auto& [key, c] : m_bounds) {
        out += fmt::format("{}v{} - v{} <= {}", out.empty() ? "" : ", ", key.first, key.second, c);
    }
    return out.empty() ? "⊤" : out;
}

}  // namespace bpfcheck::domains
