#include "analyzer/checks/program/throw_in_callback.hpp"

#include <fmt/format.h>

#include <set>
#include <variant>
#include <vector>

namespace bpfcheck::analyzer {
namespace {

std::uint32_t function_at(const AnalysisContext& context, std::uint32_t insn) {
    const auto& functions = context.cfg.functions();
    for (std::uint32_t f = 0; f < functions.size(); ++f) {
        if (functions[f].first_insn == insn) {
            return f;
        }
    }
    return model::kNoIndex;
}

}  // namespace

void check_throw_in_callback(const AnalysisContext& context, Reporter& reporter) {
    const auto& program = context.program;
    const auto& functions = context.cfg.functions();
    // Callbacks: the functions whose address the program takes (is_cb), and
    // what they call directly.
    std::vector<std::uint32_t> pending;
    std::vector<std::uint32_t> callback_of(functions.size(), model::kNoIndex);
    const auto callback_at = [&](std::uint32_t insn) {
        const std::uint32_t f = function_at(context, insn);
        if (f != model::kNoIndex && callback_of[f] == model::kNoIndex) {
            callback_of[f] = f;
            pending.push_back(f);
        }
    };
    for (std::uint32_t pc = 0; pc < program.refs.size(); ++pc) {
        if (program.refs[pc].kind == model::RelocKind::FuncAddr) {
            callback_at(program.refs[pc].target_insn);
        }
    }
    // The exception callback is one too (mark_subprog_exc_cb sets is_cb).
    if (program.exception_callback_insn != model::kNoIndex) {
        callback_at(program.exception_callback_insn);
    }
    std::set<std::uint32_t> reported;
    while (!pending.empty()) {
        const std::uint32_t f = pending.back();
        pending.pop_back();
        const cfg::FunctionInfo& info = functions[f];
        for (std::uint32_t pc = info.first_insn; pc < info.first_insn + info.insn_count && pc < program.refs.size();
             ++pc) {
            const model::InsnRef& ref = program.refs[pc];
            if (ref.kind == model::RelocKind::Call) {
                const std::uint32_t callee = function_at(context, ref.target_insn);
                if (callee != model::kNoIndex && callback_of[callee] == model::kNoIndex) {
                    callback_of[callee] = callback_of[f];
                    pending.push_back(callee);
                }
                continue;
            }
            const auto* call = std::get_if<isa::Call>(&program.insns[pc]);
            if (call == nullptr || call->kind != isa::CallKind::Kfunc || ref.symbol != "bpf_throw" ||
                !reported.insert(pc).second) {
                continue;
            }
            reporter.error("call.throw_in_callback", pc,
                           fmt::format("bpf_throw kfunc (insn {}) cannot be called from callback subprog: the "
                                       "function at insn {} is a callback or called from one (at insn {})",
                                       pc, info.first_insn, functions[callback_of[f]].first_insn),
                           {}, "return an error code from the callback and throw after the helper returns");
        }
    }
}

}  // namespace bpfcheck::analyzer
