// Instruction dispatch (transfer only: an exhaustive visit over the
// instruction kinds), register reads, the entry state, and the widening
// thresholds.
#include "analyzer/transfer/executor.hpp"

#include "analyzer/obligations/obligations_of.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/platform/lsm_hooks.hpp"
#include "analyzer/platform/rule_releases.hpp"
#include "analyzer/transfer/arena.hpp"
#include "analyzer/transfer/relational_transfer.hpp"

#include "domains/scalar_ops.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

MachineState Executor::entry_state() const {
    MachineState state = MachineState::entry(Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
    if (m_relations_on) {
        state.relations().track();
    }
    return state;
}

void Executor::collect_thresholds() {
    std::vector<std::int64_t> t{-1,  0,   1,   8,    14,   16,   32,   34,    54,         64,
                                128, 256, 512, 1024, 1500, 4096, 9000, 65535, 0x7fffffff, 0xffffffffLL};
    for (const isa::Instruction& insn : m_context.program.insns) {
        if (const auto* jump = std::get_if<isa::Jump>(&insn);
            jump && !jump->src.is_register && jump->cond != isa::JumpCond::Always) {
            t.push_back(jump->src.imm);
            t.push_back(jump->src.imm - 1);
            t.push_back(jump->src.imm + 1);
        }
    }
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    m_thresholds = std::move(t);
    m_relations_on = !m_context.cfg.loops().empty();
    const auto& cfg = m_context.cfg;
    m_loop_of_block.assign(cfg.block_count(), -1);
    m_loop_thresholds.clear();
    for (const auto& loop : cfg.loops()) {
        std::vector<std::int64_t> own{-1, 0, 1};  // where counters start
        for (const cfg::BlockId b : loop) {
            m_loop_of_block[b] = static_cast<std::int32_t>(m_loop_thresholds.size());
            for (std::uint32_t pc = cfg.block(b).first; pc <= cfg.block(b).last; ++pc) {
                const auto* jump = std::get_if<isa::Jump>(&m_context.program.insns[pc]);
                if (jump != nullptr && !jump->src.is_register && jump->cond != isa::JumpCond::Always) {
                    own.insert(own.end(), {jump->src.imm - 1, jump->src.imm, jump->src.imm + 1});
                }
            }
        }
        std::sort(own.begin(), own.end());
        own.erase(std::unique(own.begin(), own.end()), own.end());
        m_loop_thresholds.push_back(std::move(own));
    }
}

std::uint32_t Executor::share_scalar_id(std::uint32_t pc, int reg, MachineState& state) const {
    std::uint32_t id = state.reg(reg).id();
    if (id != 0 && id != domains::kNoId) {
        return id;
    }
    id = kScalarIdBase + pc;
    // A stale use of this pc's id (an earlier round) is no relation.
    state.rename_id(id, 0);
    state.reg(reg).set_id(id);
    return id;
}

std::string Executor::describe(const MachineState& state, int reg) const {
    return fmt::format("R{}={}", reg, state.reg(reg).to_string());
}

const Value& Executor::read_operand(int r, MachineState& state) const {
    Value& value = state.reg(r);
    if (value.kind() == Kind::Uninit) {
        value = Value::unknown_scalar();
        value.set_fault_reported(true);  // Initialised failed: reported by the checker
    }
    return value;
}

namespace {
template <typename>
inline constexpr bool kAlwaysFalse = false;
}  // namespace

void Executor::execute(std::uint32_t pc, MachineState& state, std::vector<MachineState>* forks) const {
    const isa::Instruction& insn = m_context.program.insns[pc];
    if (writes_frame_pointer(insn)) {
        return;  // ReadOnlyFramePointer: the instruction does nothing
    }
    // Off the path where there is no relation and none can start.
    const bool in_loop = m_relations_on && m_loop_of_block[m_context.cfg.block_of(pc)] >= 0;
    const bool relational_on = in_loop || (m_relations_on && !state.relations().empty());
    const RelationalStep relational =
        relational_on ? RelationalStep::before(m_context.program.insns, pc, state, in_loop) : RelationalStep{};
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Alu>) {
                std::optional<MachineState> zero = forks != nullptr ? split_sign_mask(i, state) : std::nullopt;
                execute_alu(pc, i, state);
                if (zero) {
                    execute_alu(pc, i, *zero);
                    forks->push_back(std::move(*zero));
                }
            } else if constexpr (std::is_same_v<T, isa::Endian>) {
                execute_endian(i, state);
            } else if constexpr (std::is_same_v<T, isa::AddrSpaceCast>) {
                read_operand(i.src, state);
                state.reg(i.dst) = addr_space_cast_result(i);
            } else if constexpr (std::is_same_v<T, isa::Load>) {
                execute_load(pc, i, state);
            } else if constexpr (std::is_same_v<T, isa::Store>) {
                execute_store(pc, i, state);
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                execute_atomic(pc, i, state);
            } else if constexpr (std::is_same_v<T, isa::LoadImm64>) {
                execute_ld_imm64(pc, i, state);
            } else if constexpr (std::is_same_v<T, isa::Imm64Tail> || std::is_same_v<T, isa::MayGoto>) {
                // Imm64Tail: never executed. may_goto: its edges carry the two outcomes.
            } else if constexpr (std::is_same_v<T, isa::LoadPacket>) {
                execute_packet_load(i, state);
            } else if constexpr (std::is_same_v<T, isa::Jump>) {
                if (i.cond != isa::JumpCond::Always) {
                    read_operand(i.dst, state);
                    if (i.src.is_register) {
                        read_operand(i.src.reg, state);
                    }
                }
            } else if constexpr (std::is_same_v<T, isa::Call>) {
                execute_call(pc, i, state, forks);
            } else if constexpr (std::is_same_v<T, isa::CallX>) {
                for (int r = 1; r <= 5; ++r) {
                    state.reg(r) = Value::uninit();
                }
                state.reg(0) = Value::unknown_scalar();
            } else if constexpr (std::is_same_v<T, isa::Exit>) {
                // The main frame's exit ends the path; a subprogram's returns to
                // its caller, which pops the frame.
            } else {
                static_assert(kAlwaysFalse<T>, "an instruction kind without a transfer function");
            }
        },
        insn);
    if (!relational_on) {
        return;
    }
    relational.after(state);
    if (forks != nullptr) {
        for (MachineState& fork : *forks) {
            relational.after(fork);
        }
    }
}

// The return range check_return_code enforces at the main program's exit.
std::optional<ReturnRange> Executor::exit_return_range() const {
    if (lsm_mac_with_hook(m_context)) {
        return lsm_return_range(m_context.attach->function, m_context.attach->ret.has_value());
    }
    return return_range(m_context.type, expected_attach_type(m_context));
}

// Whether libbpf resolves a __weak ksym extern, as far as the kernel's BTF
// tells: the kernel has a function or variable of its essential name
// (find_ksym_btf_id), and, for a kfunc, a prototype
// bpf_core_types_are_compat finds compatible with the extern's
// (bpf_object__resolve_ksym_func_btf_id leaves an incompatible weak one
// unresolved). Without the kernel's BTF: resolved.
bool Executor::weak_ksym_resolves(const std::string& symbol) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    if (types == nullptr) {
        return true;
    }
    const std::string_view name = essential_name(symbol);
    if (types->has_symbol(name) == false) {
        return false;
    }
    const auto& externs = m_context.object.externs;
    const auto local =
        std::find_if(externs.begin(), externs.end(), [&](const model::Extern& e) { return e.name == symbol; });
    if (local == externs.end() || local->core_shape.empty()) {
        return true;
    }
    const std::optional<std::string> kernel = types->function_shape(name);
    return !kernel || (*kernel == local->core_shape && kernel->find('!') == std::string::npos);
}

// A kfunc extern the kernel's BTF has with another prototype shape (both
// shapes known in full): libbpf's bpf_object__resolve_ksym_func_btf_id
// refuses a non-weak one. Without the kernel's BTF, or a shape either side
// cannot tell: compatible.
bool Executor::kfunc_prototype_incompatible(const std::string& symbol) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    if (types == nullptr) {
        return false;
    }
    const std::string_view name = essential_name(symbol);
    const auto& externs = m_context.object.externs;
    const auto local =
        std::find_if(externs.begin(), externs.end(), [&](const model::Extern& e) { return e.name == symbol; });
    if (local == externs.end() || !local->is_function || local->core_shape.empty() ||
        local->core_shape.find('!') != std::string::npos) {
        return false;
    }
    const std::optional<std::string> kernel = types->function_shape(name);
    return kernel && kernel->find('!') == std::string::npos && *kernel != local->core_shape;
}

bool Executor::is_function_ksym(const std::string& symbol) const {
    const auto& externs = m_context.object.externs;
    return std::any_of(externs.begin(), externs.end(),
                       [&](const model::Extern& e) { return e.is_function && e.name == symbol; });
}

void Executor::execute_ld_imm64(std::uint32_t pc, const isa::LoadImm64& load, MachineState& state) const {
    const auto& ref = m_context.program.refs[pc];
    switch (load.kind) {
        case isa::Imm64Kind::Value:
            state.reg(load.dst) = Value::constant(load.value());
            break;
        case isa::Imm64Kind::MapFd:
        case isa::Imm64Kind::MapIdx:
            state.reg(load.dst) = Value::pointer(Kind::MapPtr, ref.map_index, Scalar::constant(0));
            break;
        case isa::Imm64Kind::MapValue:
        case isa::Imm64Kind::MapIdxValue:
            state.reg(load.dst) =
                Value::pointer(Kind::MapValue, ref.map_index,
                               Scalar::constant(static_cast<std::uint64_t>(static_cast<std::int64_t>(load.imm_high))));
            break;
        case isa::Imm64Kind::BtfId:
            // bpf_object__relocate_data: a __weak extern the kernel lacks is
            // relocated to the number 0 (bpf_ksym_exists is false).
            if (m_weak_ksym_zero[pc]) {
                state.reg(load.dst) = Value::constant(0);
                break;
            }
            // check_pseudo_btf_id: a function's address (bpf_ksym_exists on a
            // kfunc) is read-only memory of size 0 (PTR_TO_MEM | MEM_RDONLY),
            // which the kernel knows is not NULL (reg_not_null).
            if (is_function_ksym(ref.symbol)) {
                state.reg(load.dst) = Value::pointer(Kind::Mem, 0, Scalar::constant(0));
                break;
            }
            state.reg(load.dst) = Value::pointer(Kind::BtfId, 0, Scalar::constant(0));
            break;
        case isa::Imm64Kind::Func:
            state.reg(load.dst) =
                Value::pointer(Kind::Func, pc + 1 + static_cast<std::uint32_t>(load.imm_low), Scalar::constant(0));
            break;
    }
}

void Executor::execute_endian(const isa::Endian& endian, MachineState& state) const {
    const Value value = read_operand(endian.dst, state);
    if (!value.is_scalar()) {
        // ValidByteSwap: refused without CAP_PERFMON; an unknown number either way.
        state.reg(endian.dst) = Value::unknown_scalar();
        return;
    }
    // check_alu_op: a byte swap makes its register unknown (check_reg_arg
    // DST_OP) until "bpf: Add bitwise tracking for BPF_END" (Linux 7.0, also
    // in the 6.19 and 6.18 stable series: the running 6.18.44 keeps a be16's
    // 16 bits); earlier releases know nothing of the result, not even its width.
    if (!rule_release::holds(rule_release::kByteSwapBits, m_context.options.kernel_version)) {
        state.reg(endian.dst) = Value::unknown_scalar();
        return;
    }
    const bool swaps = endian.order != isa::ByteOrder::ToLittle;  // the target is little-endian
    state.reg(endian.dst) = Value::scalar(swaps ? domains::scalar_bswap(value.number(), endian.width)
                                                : domains::scalar_truncate(value.number(), endian.width));
}

}  // namespace bpfcheck::analyzer
