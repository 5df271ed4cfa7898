// The concrete BPF semantics the domain tests compare the transfer
// functions with: ALU operations on 64 bits and on the low 32 (zero-extended;
// x / 0 = 0, x % 0 = x, INT_MIN s/ -1 = INT_MIN, shift amounts modulo the
// width) and the jump conditions.
#pragma once

#include "domains/scalar_compare.hpp"
#include "domains/scalar_ops.hpp"

#include <cstdint>
#include <limits>

namespace bpfcheck::test {

using domains::ArithOp;

inline std::uint64_t concrete64(ArithOp op, std::uint64_t x, std::uint64_t y) {
    const auto sx = static_cast<std::int64_t>(x);
    const auto sy = static_cast<std::int64_t>(y);
    switch (op) {
        case ArithOp::Add:
            return x + y;
        case ArithOp::Sub:
            return x - y;
        case ArithOp::Mul:
            return x * y;
        case ArithOp::Div:
            return y == 0 ? 0 : x / y;
        case ArithOp::Mod:
            return y == 0 ? x : x % y;
        case ArithOp::SDiv:
            if (y == 0)
                return 0;
            if (sx == std::numeric_limits<std::int64_t>::min() && sy == -1)
                return x;
            return static_cast<std::uint64_t>(sx / sy);
        case ArithOp::SMod:
            if (y == 0)
                return x;
            if (sy == -1)
                return 0;
            return static_cast<std::uint64_t>(sx % sy);
        case ArithOp::And:
            return x & y;
        case ArithOp::Or:
            return x | y;
        case ArithOp::Xor:
            return x ^ y;
        case ArithOp::Lsh:
            return x << (y & 63);
        case ArithOp::Rsh:
            return x >> (y & 63);
        case ArithOp::Arsh:
            return static_cast<std::uint64_t>(sx >> (y & 63));
    }
    return 0;
}

inline std::uint64_t concrete32(ArithOp op, std::uint64_t x64, std::uint64_t y64) {
    const auto x = static_cast<std::uint32_t>(x64);
    const auto y = static_cast<std::uint32_t>(y64);
    const auto sx = static_cast<std::int32_t>(x);
    const auto sy = static_cast<std::int32_t>(y);
    std::uint32_t r = 0;
    switch (op) {
        case ArithOp::Add:
            r = x + y;
            break;
        case ArithOp::Sub:
            r = x - y;
            break;
        case ArithOp::Mul:
            r = x * y;
            break;
        case ArithOp::Div:
            r = y == 0 ? 0 : x / y;
            break;
        case ArithOp::Mod:
            r = y == 0 ? x : x % y;
            break;
        case ArithOp::SDiv:
            if (y == 0)
                r = 0;
            else if (sx == std::numeric_limits<std::int32_t>::min() && sy == -1)
                r = x;
            else
                r = static_cast<std::uint32_t>(sx / sy);
            break;
        case ArithOp::SMod:
            if (y == 0)
                r = x;
            else if (sy == -1)
                r = 0;
            else
                r = static_cast<std::uint32_t>(sx % sy);
            break;
        case ArithOp::And:
            r = x & y;
            break;
        case ArithOp::Or:
            r = x | y;
            break;
        case ArithOp::Xor:
            r = x ^ y;
            break;
        case ArithOp::Lsh:
            r = x << (y & 31);
            break;
        case ArithOp::Rsh:
            r = x >> (y & 31);
            break;
        case ArithOp::Arsh:
            r = static_cast<std::uint32_t>(sx >> (y & 31));
            break;
    }
    return r;
}

inline constexpr ArithOp kOps[] = {ArithOp::Add, ArithOp::Sub,  ArithOp::Mul, ArithOp::Div, ArithOp::SDiv,
                                   ArithOp::Mod, ArithOp::SMod, ArithOp::And, ArithOp::Or,  ArithOp::Xor,
                                   ArithOp::Lsh, ArithOp::Rsh,  ArithOp::Arsh};

inline bool holds(domains::Comparison c, bool is32, std::uint64_t x, std::uint64_t y) {
    using domains::Comparison;
    if (is32) {
        x &= 0xffffffffULL;
        y &= 0xffffffffULL;
    }
    const auto sx = is32 ? static_cast<std::int64_t>(static_cast<std::int32_t>(x)) : static_cast<std::int64_t>(x);
    const auto sy = is32 ? static_cast<std::int64_t>(static_cast<std::int32_t>(y)) : static_cast<std::int64_t>(y);
    switch (c) {
        case Comparison::Eq:
            return x == y;
        case Comparison::Ne:
            return x != y;
        case Comparison::Gt:
            return x > y;
        case Comparison::Ge:
            return x >= y;
        case Comparison::Lt:
            return x < y;
        case Comparison::Le:
            return x <= y;
        case Comparison::SGt:
            return sx > sy;
        case Comparison::SGe:
            return sx >= sy;
        case Comparison::SLt:
            return sx < sy;
        case Comparison::SLe:
            return sx <= sy;
        case Comparison::Set:
            return (x & y) != 0;
        case Comparison::NotSet:
            return (x & y) == 0;
    }
    return false;
}

}  // namespace bpfcheck::test
