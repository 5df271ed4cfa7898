// Whether a concrete value, stack or machine state lies in the
// concretisation of an abstract one (γ): the membership test of the domain
// laws and of the soundness oracle. Identities (value ids, reference ids) are
// relations between values, not properties of one, and are not checked; a
// packet pointer's proven range is (data + range from its base <= data_end).
#pragma once

#include "domains/machine_state.hpp"
#include "interp/concrete.hpp"

#include <string>

namespace bpfcheck::oracle {

// `why` (optional) receives the first difference found.
bool value_contains(const domains::Value& abstract, const interp::Cval& concrete, std::int64_t packet_length,
                    std::string* why = nullptr);
bool stack_contains(const domains::Stack& abstract, const interp::ConcreteStack& concrete, std::int64_t packet_length,
                    std::string* why = nullptr);
bool state_contains(const domains::MachineState& abstract, const interp::ConcreteState& concrete,
                    std::string* why = nullptr);

std::string describe(const interp::Cval& value);

}  // namespace bpfcheck::oracle
