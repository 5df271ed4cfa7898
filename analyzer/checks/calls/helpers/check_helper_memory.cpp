// The memory a helper (or a kfunc, or a global function's caller) reads or
// writes through an argument (check_helper_mem_access): inside the stack
// frame and initialised where read, not a dynptr's or iterator's slots, no
// spilled pointer read out without CAP_PERFMON; within a map value, packet
// range or sized memory; never written through a kernel (BTF) pointer. The
// write itself is the transfer's (Executor::apply_helper_memory).
#include "analyzer/checks/checker.hpp"
#include "analyzer/checks/memory/memory_checks.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/stack_spill_rules.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

void Checker::check_helper_memory(std::uint32_t pc, int arg_reg, const Value& pointer, const Scalar& size, bool write,
                                  const MachineState& state, CheckSink& sink, bool filled) const {
    Reporter& reporter = sink.reporter;
    if (size.umax == 0) {
        // A zero-byte access touches nothing, but a stack pointer must still
        // point into the frame, below its top (check_stack_access_within_bounds
        // runs for every size: min_off <= -1, max_off <= 0).
        if (pointer.kind() == Kind::Stack &&
            (pointer.number().smin < 0 || pointer.number().smax >= domains::kStackSize)) {
            reporter.error("stack.out_of_bounds", pc,
                           fmt::format("helper memory R{} of 0 bytes at stack offset {} is outside the frame", arg_reg,
                                       pointer.number().smax - domains::kStackSize),
                           {describe(state, arg_reg)}, "pass a pointer into the stack frame, below r10");
        }
        return;
    }
    const std::uint64_t bytes = size.umax;
    check_kptr_indirect_access(pc, arg_reg, pointer, bytes, state, reporter);
    const std::int64_t lo = pointer.number().smin;
    const auto hi = static_cast<std::int64_t>(static_cast<std::uint64_t>(pointer.number().smax) + bytes);
    auto fail = [&](std::string id, std::string message, std::string hint = {}) {
        reporter.error(std::move(id), pc, std::move(message), {describe(state, arg_reg)}, std::move(hint));
    };
    switch (pointer.kind()) {
        case Kind::Stack: {
            if (lo < 0 || hi > domains::kStackSize) {
                fail("stack.out_of_bounds",
                     fmt::format("helper memory R{} of {} bytes at stack offset {} is outside the frame", arg_reg,
                                 bytes, lo - domains::kStackSize));
                return;
            }
            note_stack_touch(m_context, pc, state, pointer.region(), static_cast<int>(lo),
                             m_executor.in_fastcall_pattern(pc), sink);
            const auto first = static_cast<int>(lo);
            const auto end = static_cast<int>(hi);
            if (check_stack_object_access(
                    m_executor, pc, arg_reg, pointer.region(), first, end,
                    write ? Executor::StackObjectAccess::HelperWrite : Executor::StackObjectAccess::HelperRead, state,
                    reporter) ||
                write) {
                return;  // a write: Executor::apply_helper_memory
            }
            const domains::Stack& stack = state.stack(pointer.region());
            if (m_context.options.unprivileged) {
                if (auto leak =
                        helper_reads_spilled_pointer(stack, static_cast<int>(lo), static_cast<int>(hi), arg_reg)) {
                    reporter.error("pointer.leak", pc, std::move(*leak), {describe(state, arg_reg)},
                                   "pass the helper a buffer of data, not one holding a pointer");
                }
            }
            if (!stack.initialised(static_cast<int>(lo), static_cast<int>(hi - lo))) {
                if (filled) {
                    // The helper only writes the buffer: nothing reads what
                    // was there, but the kernel still types it as read memory.
                    if (m_context.options.unprivileged) {
                        reporter.error("uninit.stack", pc,
                                       fmt::format("the {} bytes at r10{:+d} (R{}) are not all initialised: the "
                                                   "kernel requires the buffer this helper fills to be initialised "
                                                   "when uninitialised stack may not be read",
                                                   bytes, lo - domains::kStackSize, arg_reg),
                                       {describe(state, arg_reg)},
                                       "zero the buffer before the call (e.g. char buf[64] = {};)");
                    }
                    return;
                }
                const std::string message =
                    fmt::format("helper reads {} bytes from stack at r10{:+d} (R{}) that are not all initialised",
                                bytes, lo - domains::kStackSize, arg_reg);
                if (m_context.options.unprivileged) {
                    reporter.error("uninit.stack", pc, message, {describe(state, arg_reg)},
                                   "initialise the whole buffer before passing it");
                } else {
                    reporter.warning("uninit.stack", pc, message,
                                     {describe(state, arg_reg),
                                      "the kernel allows this with CAP_PERFMON, but the helper reads garbage"},
                                     "initialise the whole buffer before passing it");
                }
            }
            return;
        }
        case Kind::MapValue:
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::FlowKeys:
        case Kind::Packet:
        case Kind::PacketMeta: {
            // Reuse the load/store checks on the first and last byte of the range.
            const Value first = pointer;
            const int width = 1;
            Value last = pointer;
            last.number() = Scalar::constant(static_cast<std::uint64_t>(pointer.number().smax) + bytes - 1);
            const AccessSite site{m_context, m_executor, pc, arg_reg, state.reg(arg_reg), reporter};
            if (pointer.kind() == Kind::Packet || pointer.kind() == Kind::PacketMeta) {
                last.set_fixed_offset(pointer.fixed_offset() + static_cast<std::int64_t>(bytes) - 1);
                check_packet_access(site, last, 0, width, write);
                check_packet_access(site, first, 0, width, write);
            } else {
                check_sized_region_access(site, first, 0, width, write);
                check_sized_region_access(site, last, 0, width, write);
            }
            return;
        }
        case Kind::BtfId:
            if (!write) {
                // check_helper_mem_access: the bytes read lie within the member
                // the pointer designates (check_ptr_to_btf_access, btf_struct_walk).
                const AccessSite site{m_context, m_executor, pc, arg_reg, state.reg(arg_reg), reporter};
                check_btf_access(site, pointer, 0, static_cast<int>(bytes), false, false);
            } else {
                reporter.error("pointer.btf_write", pc,
                               fmt::format("R{} is a kernel (BTF) pointer: the memory it points to may be read, "
                                           "not written",
                                           arg_reg),
                               {describe(state, arg_reg)}, "pass a stack or map value buffer to be written");
            }
            return;
        default:
            fail("helper.arg_type",
                 fmt::format("R{} type={} expected=fp, pkt, map_key, map_value, mem", arg_reg,
                             domains::kind_name(pointer.kind())),
                 "pass a pointer to the stack, a map value or the packet");
    }
}

}  // namespace bpfcheck::analyzer
