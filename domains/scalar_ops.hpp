// Transfer functions of the Scalar domain for the BPF ALU: every result
// contains every concrete result (BPF semantics: x / 0 = 0, x % 0 = x,
// shifts use the amount modulo the width, INT_MIN s/ -1 wraps).
// 32-bit forms compute on the low subregister and zero-extend the result.
#pragma once

#include "domains/scalar.hpp"

namespace bpfcheck::domains {

enum class ArithOp : std::uint8_t { Add, Sub, Mul, Div, SDiv, Mod, SMod, And, Or, Xor, Lsh, Rsh, Arsh };

Scalar scalar_binary(ArithOp op, const Scalar& a, const Scalar& b, bool is64);
Scalar scalar_neg(const Scalar& a, bool is64);
// movsx: sign-extend the low `bits` bits (8, 16, 32); is64 false: result in
// the low 32 bits, zero-extended.
Scalar scalar_sign_extend(const Scalar& a, unsigned bits, bool is64);
// Byte swap of the low `bits` bits (bswap and to-big-endian on a
// little-endian machine), zero-extended.
Scalar scalar_bswap(const Scalar& a, unsigned bits);
// Truncation to the low `bits` bits, zero-extended (le16/le32/le64, and
// narrow loads).
Scalar scalar_truncate(const Scalar& a, unsigned bits);

}  // namespace bpfcheck::domains
