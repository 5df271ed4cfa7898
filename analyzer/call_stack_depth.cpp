#include "analyzer/call_stack_depth.hpp"

#include "analyzer/platform/helper_prototype.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>
#include <variant>

namespace bpfcheck::analyzer {
namespace {

constexpr int kMaxCombinedStack = 512;
constexpr int kMaxStackBelowTailCall = 256;

constexpr std::uint32_t version(std::uint32_t major, std::uint32_t minor) {
    return (major << 16) | (minor << 8);
}

int rounded(int depth) {
    return (depth + 15) / 16 * 16;
}

bool runs_on_private_stack(const AnalysisContext& context) {
    const std::uint32_t target = context.options.kernel_version;
    if (target != 0 && target < version(6, 13)) {
        return false;
    }
    const std::string_view type = context.type.name;
    if (type == "tracing") {
        return context.program.section.rfind("iter", 0) != 0;  // not for iterators
    }
    return type == "kprobe" || type == "tracepoint" || type == "perf_event" || type == "raw_tracepoint" ||
           type == "raw_tracepoint_writable";
}

struct CallSite {
    std::uint32_t insn;
    std::uint32_t callee;
};

class ChainWalker {
public:
    ChainWalker(const AnalysisContext& context, std::span<const int> depths, Reporter& reporter)
        : m_context(context),
          m_depths(depths),
          m_reporter(reporter),
          m_check_combined(!runs_on_private_stack(context)) {
        const auto& functions = context.cfg.functions();
        m_sites.resize(functions.size());
        m_tail_calls.resize(functions.size(), false);
        for (std::uint32_t f = 0; f < functions.size(); ++f) {
            scan(f);
        }
    }

    void walk(std::uint32_t function, int below, std::uint32_t frames, std::vector<std::uint32_t>& chain) {
        if (frames > 8 || std::find(chain.begin(), chain.end(), function) != chain.end()) {
            return;  // call.depth and cfg.recursion report these
        }
        // A function reached again below the same stack says nothing new:
        // this keeps the walk linear in (functions x depths), not exponential
        // in the number of call sites.
        if (!m_walked.insert({function, below, frames}).second) {
            return;
        }
        chain.push_back(function);
        const int total = below + rounded(m_depths[function]);
        for (const CallSite& site : m_sites[function]) {
            const int callee_total = total + rounded(m_depths[site.callee]);
            if (m_tail_calls[site.callee] && total >= kMaxStackBelowTailCall) {
                m_reporter.error("tailcall.stack_depth", site.insn,
                                 fmt::format("the function called here makes tail calls, but the frames below it "
                                             "already hold {} bytes of stack (the limit is {})",
                                             total, kMaxStackBelowTailCall - 1),
                                 {describe(chain)},
                                 "a tail call keeps its callers' frames on the stack; keep the stack of functions "
                                 "that reach a tail call under 256 bytes (move large buffers to a per-CPU map)");
            }
            if (m_check_combined && callee_total > kMaxCombinedStack) {
                m_reporter.error("call.stack_depth", site.insn,
                                 fmt::format("combined stack of {} calls is {} bytes, more than {}", frames + 1,
                                             callee_total, kMaxCombinedStack),
                                 {describe(chain),
                                  fmt::format("{} uses {} bytes", name(site.callee), rounded(m_depths[site.callee]))},
                                 "the stacks of all frames of a call chain share 512 bytes; move large locals "
                                 "into a per-CPU array map, or make the callee use the caller's buffer");
                continue;
            }
            walk(site.callee, total, frames + 1, chain);
        }
        chain.pop_back();
    }

private:
    void scan(std::uint32_t function) {
        const cfg::FunctionInfo& info = m_context.cfg.functions()[function];
        const auto& program = m_context.program;
        std::set<std::uint32_t> seen;
        for (std::uint32_t pc = info.first_insn; pc < info.first_insn + info.insn_count; ++pc) {
            const model::InsnRef& ref = program.refs[pc];
            if (ref.kind == model::RelocKind::Call || ref.kind == model::RelocKind::FuncAddr) {
                const std::uint32_t callee = function_at(ref.target_insn);
                if (callee != model::kNoIndex && seen.insert(pc).second) {
                    m_sites[function].push_back(CallSite{pc, callee});
                }
            } else if (const auto* call = std::get_if<isa::Call>(&program.insns[pc]);
                       call != nullptr && call->kind == isa::CallKind::Helper && call->imm == kHelperTailCall) {
                m_tail_calls[function] = true;
            }
        }
    }

    [[nodiscard]] std::uint32_t function_at(std::uint32_t insn) const {
        const auto& functions = m_context.cfg.functions();
        for (std::uint32_t f = 0; f < functions.size(); ++f) {
            if (functions[f].first_insn == insn) {
                return f;
            }
        }
        return model::kNoIndex;
    }

    [[nodiscard]] std::string name(std::uint32_t function) const {
        const auto& pieces = m_context.program.functions;
        if (function < pieces.size() && pieces[function].function < m_context.object.functions.size()) {
            return m_context.object.functions[pieces[function].function].name;
        }
        return fmt::format("function at insn {}", m_context.cfg.functions()[function].first_insn);
    }

    [[nodiscard]] std::string describe(const std::vector<std::uint32_t>& chain) const {
        std::string text = "call chain:";
        for (const std::uint32_t f : chain) {
            text += fmt::format(" {} ({} bytes) ->", name(f), rounded(m_depths[f]));
        }
        return text + " the callee";
    }

    const AnalysisContext& m_context;
    std::span<const int> m_depths;
    Reporter& m_reporter;
    bool m_check_combined;
    std::vector<std::vector<CallSite>> m_sites;
    std::vector<bool> m_tail_calls;
    std::set<std::tuple<std::uint32_t, int, std::uint32_t>> m_walked;
};

}  // namespace

void check_call_stack_depth(const AnalysisContext& context, std::span<const int> depths, Reporter& reporter) {
    ChainWalker walker(context, depths, reporter);
    std::vector<std::uint32_t> chain;
    walker.walk(0, 0, 1, chain);
}

}  // namespace bpfcheck::analyzer
