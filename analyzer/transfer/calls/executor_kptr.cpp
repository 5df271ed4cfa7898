// Kernel pointers stored in map values (`__kptr`, `__kptr_untrusted`,
// `__percpu_kptr` fields), as check_map_access and check_map_kptr_access in
// kernel/bpf/verifier.c guard them: an instruction that touches any byte of
// such a field must be an 8-byte access at a constant offset, at the field's
// start; a helper or global function may not touch it ("kptr cannot be
// accessed indirectly by helper"); and a referenced or per-CPU kptr is
// written only through bpf_kptr_xchg ("store to referenced kptr
// disallowed"). The fields come from the map's BTF value type (the loader).
// Here: which map's kptr fields a pointer may reach; the checks are in
// analyzer/checks/calls/check_kptr.cpp.
#include "analyzer/transfer/executor.hpp"

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::Value;

// The map value a pointer designates, when one map (and it has kptrs).
const model::MapDef* Executor::kptr_map(const Value& pointer) const {
    if (pointer.kind() != Kind::MapValue || pointer.region() >= m_context.object.maps.size()) {
        return nullptr;
    }
    const model::MapDef& map = m_context.object.maps[pointer.region()];
    return map.kptr_fields.empty() ? nullptr : &map;
}

}  // namespace bpfcheck::analyzer
