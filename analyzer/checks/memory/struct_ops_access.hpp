// Writes through kernel (BTF) pointers in struct_ops programs
// (check_ptr_to_btf_access, kernel/bpf/verifier.c): a write goes to the
// struct_ops type's btf_struct_access, when it has one, and is refused
// otherwise ("only read is supported"). The rules per struct_ops type are
// data (analyzer/platform/struct_ops.hpp); this decides one write from the
// pointer alone and changes no state.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "domains/value.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace bpfcheck::analyzer {

// Why the kernel refuses a `width`-byte write at `offset` past `pointer`, a
// BTF-typed kernel pointer, in its words; nullopt when it allows it, or
// when the struct_ops type has a btf_struct_access but the pointer's type
// is unknown (untyped, or lost to CO-RE) or `core_reloc` (libbpf rewrites
// the offset): then which member is written is not known here.
std::optional<std::string> btf_write_refusal(const AnalysisContext& context, const domains::Value& pointer,
                                             std::int64_t offset, int width, bool core_reloc);

}  // namespace bpfcheck::analyzer
