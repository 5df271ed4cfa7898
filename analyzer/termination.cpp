// Placeholder translation unit: the termination analysis is being written.
#include "analyzer/termination.hpp"

namespace bpfcheck::analyzer {

void check_termination(const AnalysisContext& /*context*/, std::uint32_t /*function*/,
                       const BlockStates& /*pre_states*/, Reporter& /*reporter*/) {}

}  // namespace bpfcheck::analyzer
