// Tracing programs (fentry/fexit/fmod_ret, lsm, tp_btf, iter) against the
// kernel's BTF: the context is the attach target's arguments, one 8-byte slot
// each (btf_ctx_access in kernel/bpf/btf.c), and pointers to kernel structs
// are read member by member (check_ptr_to_btf_access in verifier.c, through
// btf_struct_access). Pointer arguments are PTR_TO_BTF_ID; so are pointer
// members read from them (readable: the JIT turns such reads into loads that
// fault safely, so the kernel does not ask for NULL checks), with the trust
// check_ptr_to_btf_access gives them (analyzer/platform/kfuncs/btf_trust.hpp): only
// fields the kernel lists keep their parent's, which helpers' and kfuncs'
// BTF arguments ask for.
// Pointers to anything but a struct are numbers to the kernel. What these
// reads yield; whether they are allowed: analyzer/checks/check_btf.cpp.
//
// What stays unchecked, as before: BTF pointers of unknown type (region 0:
// helpers such as bpf_get_current_task_btf, ksyms, joins of different
// types), and instructions carrying a CO-RE relocation, whose offsets libbpf
// rewrites for the running kernel at load time (we do not apply CO-RE).
#include "analyzer/platform/helpers/helper_btf_types.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/btf_trust.hpp"
#include "analyzer/platform/lsm_hooks.hpp"
#include "analyzer/platform/raw_tracepoint_args.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/memory_regions.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::Scalar;
using domains::Value;
using model::KernelArg;

namespace {

// A BTF pointer of unknown type: "pointer or number", reads unchecked.
Value untyped_btf() {
    return Value::pointer(Kind::BtfId, 0, Scalar::constant(0));
}

// prog_args_trusted (kernel/bpf/btf.c): whether the program's pointer
// arguments are PTR_TRUSTED. tp_btf and iterator arguments are, and so are
// struct_ops callbacks' and lsm hooks' but for the hooks that allocate or
// free their object (untrusted_lsm_hooks). fentry, fexit and fmod_ret
// arguments are plain PTR_TO_BTF_ID: readable, but no kfunc asking for
// trusted or RCU arguments and no helper memory argument takes them.
bool program_args_trusted(const AnalysisContext& context) {
    const std::string_view attach = expected_attach_type(context);
    if (context.type.name == "tracing") {
        return attach.empty() || attach == "trace_raw_tp" || attach == "trace_iter";
    }
    if (context.type.name == "lsm") {
        return context.attach == nullptr || lsm_hook_args_trusted(context.attach->function);
    }
    return true;
}

}  // namespace

void Executor::decide_btf_arg_trust() {
    const model::AttachTarget* target = m_context.attach;
    if (target == nullptr) {
        return;
    }
    m_args_plain = !program_args_trusted(m_context);
    if (expected_attach_type(m_context) == "trace_raw_tp") {
        for (std::size_t i = 0; i < target->args.size(); ++i) {
            m_raw_tp_args.push_back(raw_tracepoint_arg(target->function, i, m_context.options.kernel_version));
        }
    }
}

Value Executor::access_btf_args(std::uint32_t pc, std::int64_t off, int width) const {
    const model::AttachTarget& target = *m_context.attach;
    if (off % 8 != 0) {
        return Value::unknown_scalar();
    }
    const BtfArgSlot slot = btf_arg_at(target, off);
    const KernelArg* arg = slot.arg;
    // The return value an lsm_mac program reads is within the range its
    // hook allows (btf_ctx_access is_retval, __mark_reg_s32_range).
    if (arg != nullptr && slot.index == target.args.size() && lsm_mac_with_hook(m_context) && width == 8) {
        if (const auto range = exit_return_range()) {
            Scalar retval = Scalar::signed_range(range->min, range->max);
            retval.s32min = static_cast<std::int32_t>(range->min);
            retval.s32max = static_cast<std::int32_t>(range->max);
            retval.reduce();
            return Value::scalar(retval);
        }
    }
    if (arg == nullptr || arg->kind == KernelArg::Kind::Unreadable) {
        return Value::unknown_scalar();
    }
    if (arg->kind == KernelArg::Kind::Scalar) {
        return scalar_of_width(width);
    }
    if (width != 8) {
        return Value::unknown_scalar();
    }
    if (arg->kind == KernelArg::Kind::OtherPointer) {
        // btf_ctx_access: "the same as scalar from the verifier safety POV"
        // (iterators' buffers excepted, typed by their registration).
        return target.iterator ? untyped_btf() : Value::unknown_scalar();
    }
    // A tp_btf argument the kernel's raw_tp_null_args lists may be NULL, or
    // an ERR_PTR the kernel hands over as a number.
    const RawTracepointArg listed = arg->kind == KernelArg::Kind::StructPointer && slot.index < m_raw_tp_args.size()
                                        ? m_raw_tp_args[slot.index]
                                        : RawTracepointArg::Trusted;
    if (listed == RawTracepointArg::MayEncodeError) {
        Value number = Value::unknown_scalar();
        number.set_error_argument(static_cast<std::uint32_t>(slot.index));
        return number;
    }
    if (arg->nullable || listed == RawTracepointArg::MaybeNull) {
        Value pointer = Value::pointer(Kind::BtfIdOrNull, arg->type_id, Scalar::constant(0), kNullableIdBase + pc);
        // An iterator's objects are PTR_TO_BTF_ID_OR_NULL, PTR_TRUSTED only
        // where its registration says so (btf_ctx_access, ctx_arg_info).
        if (target.iterator) {
            const std::string_view section = target.section;
            const std::string_view iter = section.substr(section.find('/') + 1);
            pointer.set_plain(!iterator_arg_trusted(iter, arg->name));
        } else if (m_args_plain) {
            pointer.set_plain_argument();
        }
        return pointer;
    }
    Value pointer = Value::pointer(Kind::BtfId, arg->type_id, Scalar::constant(0));
    if (m_args_plain) {
        pointer.set_plain_argument();
    }
    return pointer;
}

// check_ptr_to_btf_access: the trust of a pointer read from a member of
// another (walked_trust, analyzer/platform/kfuncs/btf_trust.hpp): untrusted when
// read through an untrusted one or through a union of several members;
// otherwise as the base's trust, the field's list entry and the RCU
// critical section decide. Members of allocated objects are the program's.
Value Executor::access_btf(std::uint32_t pc, const Value& pointer, std::int64_t offset, int width, bool is_write,
                           bool in_rcu_cs) const {
    WalkedMember walked;
    Value read = access_btf_member(pc, pointer, offset, width, is_write, &walked);
    if (read.kind() != Kind::BtfId && read.kind() != Kind::BtfIdOrNull) {
        return read;
    }
    if (domains::is_alloc_region(pointer.region())) {
        return read;
    }
    const BtfTrust base = pointer.untrusted() ? BtfTrust::Untrusted
                          : pointer.plain()   ? BtfTrust::Plain
                                              : BtfTrust::Trusted;
    // Members walked from an fentry/fexit argument stay plain on every
    // kernel (Value::plain_argument); from other plain pointers Linux 6.18
    // makes them untrusted.
    const bool strict = walked_plain_is_untrusted(m_context.options.kernel_version) && !pointer.plain_argument();
    const BtfTrust trust =
        walked.union_untrusted ? BtfTrust::Untrusted : walked_trust(base, walked.field, in_rcu_cs, strict);
    read.set_untrusted(trust == BtfTrust::Untrusted);
    read.set_plain(trust == BtfTrust::Plain);
    if (trust == BtfTrust::Plain && pointer.plain_argument()) {
        read.set_plain_argument();
    }
    read.set_rcu(trust == BtfTrust::Trusted && !walked.union_untrusted && walked_is_rcu(walked.field, in_rcu_cs));
    return read;
}

// The member a CO-RE relocated load at `pc` reads, as the relocation names
// it: the struct the base pointer points to (its kernel type when known,
// else the relocation's root) and the member's name.
WalkedField Executor::core_walked_field(std::uint32_t pc, const Value& pointer) const {
    const model::CoreReloc* reloc = core_reloc(pc);
    if (reloc == nullptr || reloc->field.empty() || core_member(pc) != model::CoreMember::Pointer) {
        return {};
    }
    std::string base = reloc->root;
    const model::KernelTypes* types = m_context.options.kernel_types;
    if (types != nullptr && pointer.region() != 0 && pointer.region() != domains::kNoRegion) {
        base = types->type_name(pointer.region());
        if (base.starts_with("struct ")) {
            base.erase(0, 7);
        }
    }
    if (base.empty()) {
        return {};
    }
    return WalkedField{true, btf_safe_field(base, reloc->field), false};
}

Value Executor::access_btf_member(std::uint32_t pc, const Value& pointer, std::int64_t offset, int width, bool is_write,
                                  WalkedMember* walked) const {
    if (domains::is_alloc_region(pointer.region())) {
        // An object the program allocated (MEM_ALLOC): its own type, which
        // it reads and writes (check_ptr_to_btf_access); bpfcheck does not
        // read that type, so the access is not checked further.
        return scalar_of_width(width);
    }
    if (is_write) {
        return Value::unknown_scalar();  // pointer.btf_write
    }
    // A load libbpf relocates (CO-RE) reads a member of the kind the
    // object's BTF gives it (libbpf relocates an integer, enum or float
    // member only to one of the same kind): a number to btf_struct_walk
    // (WALK_SCALAR). A pointer member may be any pointer in the kernel's type.
    if (core_member(pc) == model::CoreMember::Scalar) {
        return scalar_of_width(width);
    }
    const model::KernelTypes* types = m_context.options.kernel_types;
    // Whatever the member, a load narrower than 8 bytes zero-extends.
    if (pointer.region() == 0 || types == nullptr || has_core_reloc(pc)) {
        if (walked != nullptr && width == 8) {
            walked->field = core_walked_field(pc, pointer);
        }
        return width == 8 ? untyped_btf() : scalar_of_width(width);
    }
    const auto constant = pointer.number().as_constant();
    if (!constant) {
        return scalar_of_width(width);
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (off < 0 || off > 0xffffffffLL) {
        return scalar_of_width(width);
    }
    const model::MemberRead read =
        types->read_member(pointer.region(), static_cast<std::uint32_t>(off), static_cast<std::uint32_t>(width));
    switch (read.kind) {
        case model::MemberRead::Kind::Invalid:
            return Value::unknown_scalar();
        case model::MemberRead::Kind::StructPointer:
            if (walked != nullptr) {
                std::string base = types->type_name(pointer.region());
                if (base.starts_with("struct ")) {
                    base.erase(0, 7);
                }
                walked->field = WalkedField{!read.field.empty(), btf_safe_field(base, read.field), read.rcu_tagged};
                walked->union_untrusted = read.untrusted;
            }
            return Value::pointer(Kind::BtfId, read.type_id, Scalar::constant(0));
        case model::MemberRead::Kind::OtherPointer:
            // The kernel makes it untrusted read-only memory of size 0 (older
            // kernels: a number): only helpers such as bpf_probe_read_kernel
            // may read what it points to.
            return Value::unknown_scalar();
        case model::MemberRead::Kind::Scalar:
            break;
    }
    return scalar_of_width(width);
}

namespace {

// The struct a map type's ops name as its BTF type (map->ops->map_btf_id),
// for the common map types; empty: not checked here.
std::string_view map_struct_name(std::uint32_t map_type) {
    namespace mt = model::map_type;
    switch (map_type) {
        case mt::kArray:
        case mt::kPercpuArray:
        case mt::kProgArray:
        case mt::kPerfEventArray:
        case mt::kCgroupArray:
        case mt::kArrayOfMaps:
            return "bpf_array";
        case mt::kHash:
        case mt::kPercpuHash:
        case mt::kLruHash:
        case mt::kLruPercpuHash:
        case mt::kHashOfMaps:
            return "bpf_htab";
        default:
            return {};
    }
}

}  // namespace

std::uint32_t Executor::map_struct_type(std::uint32_t pc, const Value& pointer) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    const auto& maps = m_context.object.maps;
    if (types == nullptr || pointer.region() >= maps.size() || has_core_reloc(pc)) {
        return 0;
    }
    const std::string_view name = map_struct_name(maps[pointer.region()].type);
    return name.empty() ? 0 : types->find_struct(name);
}

std::uint32_t Executor::helper_ret_type(const HelperPrototype& proto) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    const std::string_view name = helper_ret_struct(proto.id);
    return types == nullptr || name.empty() ? 0 : types->find_struct(name);
}

// A pointer to a kernel struct of a known type at offset 0 (a field's
// address is left to the kernel's walk) must be, or begin with, the struct
// the helper's proto names; pointers the program allocated are its own.
std::optional<std::string> Executor::helper_btf_struct_problem(const HelperPrototype& proto, int i,
                                                               const Value& value) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    if (types == nullptr || value.region() == 0 || value.region() == domains::kNoRegion ||
        domains::is_alloc_region(value.region()) || value.number().as_constant() != 0U) {
        return std::nullopt;
    }
    const std::string_view wanted = helper_arg_struct(proto.id, i);
    const std::uint32_t wanted_id = wanted.empty() ? 0 : types->find_struct(wanted);
    if (wanted_id == 0 || types->struct_begins_with(value.region(), wanted_id)) {
        return std::nullopt;
    }
    std::string have = types->type_name(value.region());
    if (have.starts_with("struct ")) {
        have.erase(0, 7);
    }
    if (have == wanted) {
        return std::nullopt;  // another struct of the same name: the kernel compares ids, we cannot tell
    }
    return fmt::format("a pointer to struct {} (R{} is of type {} but {} is expected)", wanted, i + 1, have, wanted);
}

// check_ptr_to_map_access: with CAP_PERFMON a program may read the map's
// kernel struct (struct bpf_array for an array, ...), at non-negative
// offsets, member by member as btf_struct_access walks it.
Value Executor::access_map_struct(std::uint32_t pc, const Value& pointer, std::int64_t offset, int width) const {
    if (const auto constant = pointer.number().as_constant();
        constant && static_cast<std::int64_t>(*constant) + offset < 0 && !has_core_reloc(pc)) {
        return Value::unknown_scalar();  // btf.bad_access: invalid negative access
    }
    const std::uint32_t id = map_struct_type(pc, pointer);
    if (id == 0) {
        return Value::unknown_scalar();
    }
    // check_ptr_to_map_access marks what btf_struct_access finds, without
    // check_ptr_to_btf_access's trust rule.
    return access_btf_member(pc, Value::pointer(Kind::BtfId, id, pointer.number()), offset, width, false);
}

}  // namespace bpfcheck::analyzer
