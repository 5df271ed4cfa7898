// mark_fastcall_patterns and mark_fastcall_pattern_for_call, as 6.12 writes
// them; remove_fastcall_spills_fills then sets a subprogram's stack depth to
// -fastcall_stack_off where some inlined call had a pattern and no call kept
// the stack. check_fastcall_stack_contract (an access below
// fastcall_stack_off by an instruction outside the patterns cancels the
// rewrite) needs the accesses the analysis finds: analyzer.cpp applies it.
#include "analyzer/checks/program/fastcall_patterns.hpp"

#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/rule_releases.hpp"

#include <algorithm>
#include <limits>
#include <variant>

namespace bpfcheck::analyzer {
namespace {

constexpr std::uint32_t kCallerSaved = 0x3f;  // r0-r5
constexpr std::int32_t kHelperGetSmpProcessorId = 8;

// The registers the call clobbers under the bpf_fastcall contract (r0 if it
// returns something, r1.. for its parameters), and whether the kernel
// inlines it (6.12: verifier_inlines_helper_call, is_fastcall_kfunc_call).
struct Callee {
    std::uint32_t clobbered = kCallerSaved;
    bool inlined = false;
};

Callee callee_of(const isa::Call& call, const model::InsnRef& ref) {
    Callee callee;
    if (call.kind == isa::CallKind::Helper) {
        const auto proto = find_helper(call.imm);
        if (!proto) {
            return callee;
        }
        callee.clobbered = proto->ret == ReturnKind::Void ? 0U : 1U;
        for (std::size_t i = 0; i < proto->args.size(); ++i) {
            if (proto->args[i] != ArgKind::None) {
                callee.clobbered |= 1U << (i + 1);
            }
        }
        // bpf_get_smp_processor_id: allow_fastcall, inlined on x86-64 with the JIT.
        callee.inlined = call.imm == kHelperGetSmpProcessorId;
    } else if (call.kind == isa::CallKind::Kfunc) {
        // Other kfuncs' prototypes are not known here: as if they clobbered all.
        if (ref.symbol == "bpf_cast_to_kern_ctx") {
            callee = Callee{0x3, true};
        } else if (ref.symbol == "bpf_rdonly_cast") {
            callee = Callee{0x7, true};
        }
    }
    return callee;
}

bool is_spill(const isa::Instruction& insn, std::int16_t off, std::uint8_t* reg) {
    const auto* store = std::get_if<isa::Store>(&insn);
    if (store == nullptr || store->width != 8 || store->base != 10 || !store->value.is_register) {
        return false;
    }
    *reg = store->value.reg;
    return store->offset == off;
}

bool is_fill(const isa::Instruction& insn, std::int16_t off, std::uint8_t reg) {
    const auto* load = std::get_if<isa::Load>(&insn);
    return load != nullptr && load->width == 8 && !load->sign_extend && load->base == 10 && load->dst == reg &&
           load->offset == off;
}

}  // namespace

FastcallPatterns find_fastcall_patterns(const AnalysisContext& context) {
    const auto& insns = context.program.insns;
    const auto count = static_cast<std::int64_t>(insns.size());
    FastcallPatterns out;
    out.pattern.assign(insns.size(), false);
    out.reduced_depth.assign(context.cfg.functions().size(), -1);
    // bpf_is_jump_target: targets of jumps (taken edges), not fall-throughs.
    std::vector<bool> jump_target(insns.size(), false);
    for (std::int64_t pc = 0; pc < count; ++pc) {
        if (const auto* jump = std::get_if<isa::Jump>(&insns[static_cast<std::size_t>(pc)])) {
            const std::int64_t target = pc + 1 + jump->offset;
            if (target >= 0 && target < count) {
                jump_target[static_cast<std::size_t>(target)] = true;
            }
        }
    }
    const auto& functions = context.cfg.functions();
    for (std::size_t f = 0; f < functions.size(); ++f) {
        const std::int64_t first = functions[f].first_insn;
        const std::int64_t end = std::min<std::int64_t>(first + functions[f].insn_count, count);
        std::int16_t lowest = 0;
        for (std::int64_t pc = first; pc < end; ++pc) {
            const auto* store = std::get_if<isa::Store>(&insns[static_cast<std::size_t>(pc)]);
            if (store != nullptr && store->width == 8 && store->base == 10 && store->value.is_register) {
                lowest = std::min(lowest, store->offset);
            }
        }
        int stack_off = std::numeric_limits<std::int16_t>::max();
        bool modified = false;
        bool keep = false;
        for (std::int64_t pc = first; pc < end; ++pc) {
            const auto* call = std::get_if<isa::Call>(&insns[static_cast<std::size_t>(pc)]);
            if (call == nullptr || call->kind == isa::CallKind::Local) {
                continue;
            }
            const Callee callee = callee_of(*call, context.program.refs[static_cast<std::size_t>(pc)]);
            if (callee.clobbered == kCallerSaved) {
                continue;
            }
            std::uint32_t expected = ~callee.clobbered & kCallerSaved;
            int i = 1;
            int off = lowest;
            for (; i <= 6; ++i, off += 8) {
                if (pc - i < first || pc + i >= end) {
                    break;
                }
                if (jump_target[static_cast<std::size_t>(pc - i + 1)] ||
                    jump_target[static_cast<std::size_t>(pc + i)]) {
                    break;
                }
                std::uint8_t reg = 0;
                if (!is_spill(insns[static_cast<std::size_t>(pc - i)], static_cast<std::int16_t>(off), &reg) ||
                    !is_fill(insns[static_cast<std::size_t>(pc + i)], static_cast<std::int16_t>(off), reg) || reg > 5 ||
                    ((1U << reg) & expected) == 0) {
                    break;
                }
                expected &= ~(1U << reg);
                out.pattern[static_cast<std::size_t>(pc - i)] = true;
                out.pattern[static_cast<std::size_t>(pc + i)] = true;
            }
            if (i == 1) {
                continue;
            }
            if (callee.inlined) {
                modified = true;
            } else {
                keep = true;
            }
            stack_off = std::min(stack_off, off);
        }
        if (modified && !keep) {
            out.reduced_depth[f] = -stack_off;
        }
    }
    return out;
}

void apply_fastcall_rewrites(const AnalysisContext& context, const FastcallPatterns& patterns,
                             const std::vector<int>& outside, std::vector<int>& depths) {
    const std::uint32_t version = context.options.kernel_version;
    if (!rule_release::holds(rule_release::kFastcallRewrites, version)) {
        return;
    }
    for (std::size_t f = 0; f < depths.size() && f < patterns.reduced_depth.size(); ++f) {
        const int reduced = patterns.reduced_depth[f];
        const int other = f < outside.size() ? outside[f] : 0;
        if (reduced >= 0 && other <= reduced) {
            depths[f] = reduced;
        }
    }
}

}  // namespace bpfcheck::analyzer
