#include "analyzer/checks/calls/kfuncs/allocated_object_rules.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {
namespace {

constexpr std::uint8_t kBtfKindStruct = 4;       // BTF_KIND_STRUCT
constexpr std::uint32_t kPercpuObjectMax = 512;  // BPF_GLOBAL_PERCPU_MA_MAX_SIZE

}  // namespace

void check_obj_new_type(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc,
                        const domains::MachineState& state, Reporter& reporter) {
    const bool percpu = kfunc == "bpf_percpu_obj_new_impl";
    if (!percpu && kfunc != "bpf_obj_new_impl") {
        return;
    }
    const domains::Value& id = state.reg(1);
    const auto constant = id.is_scalar() ? id.number().as_constant() : std::nullopt;
    if (!constant) {
        return;
    }
    const model::CoreReloc* reloc = model::type_id_reloc(context.program, *constant, false);
    if (reloc == nullptr) {
        return;  // an id no relocation names: not the program's type as bpfcheck can read it
    }
    const std::string type = reloc->root.empty() ? std::string("an unnamed type") : reloc->root;
    const std::string_view call = percpu ? "bpf_percpu_obj_new" : "bpf_obj_new";
    if (reloc->root_kind != kBtfKindStruct) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("bpf_obj_new/bpf_percpu_obj_new type ID argument must be of a struct: {} "
                                   "allocates {}",
                                   call, type),
                       {}, fmt::format("allocate a struct ({}(struct name))", call));
        return;
    }
    if (!percpu) {
        return;
    }
    if (reloc->local.size > kPercpuObjectMax) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("bpf_percpu_obj_new type size ({}) is greater than {}: struct {}", reloc->local.size,
                                   kPercpuObjectMax, type),
                       {}, "allocate a smaller per-CPU struct, or use a per-CPU map");
    } else if (!reloc->local.scalar_struct) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("bpf_percpu_obj_new type ID argument must be of a struct of scalars: struct {} "
                                   "holds a pointer or another non-number",
                                   type),
                       {}, "keep only numbers (and arrays and structs of numbers) in per-CPU objects");
    } else if (reloc->local.graph_fields) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("bpf_percpu_obj_new type ID argument must not contain special fields: struct {} "
                                   "holds a bpf_spin_lock, list, rbtree or refcount field",
                                   type),
                       {}, "move the lock or graph field out of the per-CPU object");
    }
}

void check_obj_drop_kind(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc,
                         const domains::MachineState& state, Reporter& reporter) {
    const bool percpu_drop = kfunc == "bpf_percpu_obj_drop_impl";
    if (!percpu_drop && kfunc != "bpf_obj_drop_impl") {
        return;
    }
    const domains::Value& object = state.reg(1);
    const bool allocated = object.is_pointer() && domains::is_alloc_region(object.region());
    bool percpu = false;
    if (object.ref() != 0) {
        for (const domains::HeldReference& ref : state.references()) {
            if (ref.id == object.ref() && ref.insn < context.program.refs.size() &&
                context.program.refs[ref.insn].symbol == "bpf_percpu_obj_new_impl") {
                percpu = true;
            }
        }
    }
    if (percpu && !percpu_drop) {
        reporter.error("helper.arg_type", pc,
                       "arg#0 expected for bpf_percpu_obj_drop_impl(): R1 is a per-CPU object from "
                       "bpf_percpu_obj_new",
                       {}, "free per-CPU objects with bpf_percpu_obj_drop");
    } else if (allocated && !percpu && percpu_drop) {
        reporter.error("helper.arg_type", pc,
                       "arg#0 expected for bpf_obj_drop_impl(): R1 is an object from bpf_obj_new, not a per-CPU one",
                       {}, "free it with bpf_obj_drop");
    }
}

}  // namespace bpfcheck::analyzer
