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

// Which concrete frames the abstract ones stand for. A global function is
// analysed on its own, below a synthetic caller frame: its abstract frames
// 1.. are the concrete frames from its own on (`concrete_first`), and a
// pointer into an outer concrete frame is memory its prototype describes.
struct FrameMap {
    std::size_t concrete_first = 0;
    std::size_t abstract_first = 0;
};

// `why` (optional) receives the first difference found.
bool value_contains(const domains::Value& abstract, const interp::Cval& concrete, std::int64_t packet_length,
                    std::string* why = nullptr, const FrameMap& frames = {});
bool stack_contains(const domains::Stack& abstract, const interp::ConcreteStack& concrete, std::int64_t packet_length,
                    std::string* why = nullptr, const FrameMap& frames = {});
bool state_contains(const domains::MachineState& abstract, const interp::ConcreteState& concrete,
                    std::string* why = nullptr, const FrameMap& frames = {});

std::string describe(const interp::Cval& value);

}  // namespace bpfcheck::oracle
