// Branch refinement for the Scalar domain: given `a COND b` (or its
// negation) holds, tighten both sides; an empty result is bottom (the edge
// cannot be taken). Conditions use the BPF jump semantics: unsigned and
// signed orders, equality, and JSET (a & b != 0); 32-bit forms compare the
// low subregisters.
#pragma once

#include "domains/scalar.hpp"

#include <utility>

namespace bpfcheck::domains {

enum class Comparison : std::uint8_t { Eq, Ne, Gt, Ge, Lt, Le, SGt, SGe, SLt, SLe, Set, NotSet };

Comparison negate(Comparison c);
// b COND' a  <=>  a COND b
Comparison mirror(Comparison c);

// Refined (a, b) assuming `a c b` holds.
std::pair<Scalar, Scalar> refine(Comparison c, bool is32, const Scalar& a, const Scalar& b);

// Whether `a c b` holds for every, or for no, pair of members: 1 always, 0
// never, -1 unknown.
int decide(Comparison c, bool is32, const Scalar& a, const Scalar& b);

}  // namespace bpfcheck::domains
