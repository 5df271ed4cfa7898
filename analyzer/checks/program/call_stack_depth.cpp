#include "analyzer/checks/program/call_stack_depth.hpp"

#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/private_stack.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <variant>

namespace bpfcheck::analyzer {
namespace {

constexpr int kMaxCombinedStack = 512;
constexpr int kMaxFrames = 8;  // MAX_CALL_FRAMES
constexpr int kMaxStackBelowTailCall = 256;

int rounded(int depth) {
    return (depth + 15) / 16 * 16;
}

bool target_has_private_stack(const AnalysisOptions& options) {
    return options.private_stack.value_or(private_stack_by_version(options.kernel_version));
}

// How the target's private-stack feature was decided, for the notes.
std::string private_stack_origin(const AnalysisOptions& options) {
    if (!options.private_stack_source.empty()) {
        return options.private_stack_source;
    }
    if (options.private_stack) {
        return "as stated";
    }
    if (options.kernel_version == 0) {
        return "assumed for an unknown kernel version";
    }
    return fmt::format("the default of Linux {}.{}", options.kernel_version >> 16,
                       (options.kernel_version >> 8) & 0xff);
}

struct CallSite {
    std::uint32_t insn;
    std::uint32_t callee;
    bool call;  // a bpf-to-bpf call, not a callback's address
};

class ChainWalker {
public:
    ChainWalker(const AnalysisContext& context, std::span<const int> depths, Reporter& reporter)
        : m_context(context),
          m_depths(depths),
          m_reporter(reporter),
          m_eligible(private_stack_type(context.type.name, context.program.section)) {
        const auto& functions = context.cfg.functions();
        m_sites.resize(functions.size());
        m_tail_calls.resize(functions.size(), false);
        for (std::uint32_t f = 0; f < functions.size(); ++f) {
            scan(f);
        }
        // check_max_stack_depth: a tail call anywhere keeps the whole
        // program on the kernel stack.
        const bool tail_calls = std::find(m_tail_calls.begin(), m_tail_calls.end(), true) != m_tail_calls.end();
        m_private = m_eligible && !tail_calls && target_has_private_stack(context.options);
        if (m_eligible && !m_private) {
            m_why_shared = tail_calls ? std::string("a program with tail calls gets no private stack")
                                      : fmt::format("the target kernel gives {} programs no private stack ({})",
                                                    context.type.name, private_stack_origin(context.options));
        }
    }

    // `below`: the bytes of the chain's frames on the kernel stack; `shared`:
    // of all its frames (the same without private stacks).
    void walk(std::uint32_t function, int below, int shared, std::uint32_t frames, std::vector<std::uint32_t>& chain) {
        if (frames > 8 || std::find(chain.begin(), chain.end(), function) != chain.end()) {
            return;  // call.depth and cfg.recursion report these
        }
        // A function reached again below the same stack says nothing new:
        // this keeps the walk linear in (functions x depths), not exponential
        // in the number of call sites.
        if (!m_walked.insert({function, below, shared, frames}).second) {
            return;
        }
        chain.push_back(function);
        const int total = below + on_kernel_stack(function);
        const int all = shared + rounded(m_depths[function]);
        for (const CallSite& site : m_sites[function]) {
            if (site.call && frames >= static_cast<std::uint32_t>(kMaxFrames)) {
                // check_max_stack_depth_subprog counts the frames of every
                // chain of calls, through global functions too (which the
                // dataflow verifies on their own, from a fresh stack).
                m_reporter.error("call.depth", site.insn,
                                 fmt::format("the call stack of {} frames is too deep (the kernel allows {})",
                                             frames + 1, kMaxFrames),
                                 {describe(chain)}, "reduce the nesting of bpf-to-bpf calls");
                continue;
            }
            const int callee_total = total + on_kernel_stack(site.callee);
            const int callee_all = all + rounded(m_depths[site.callee]);
            if (m_tail_calls[site.callee] && total >= kMaxStackBelowTailCall) {
                m_reporter.error("tailcall.stack_depth", site.insn,
                                 fmt::format("the function called here makes tail calls, but the frames below it "
                                             "already hold {} bytes of stack (the limit is {})",
                                             total, kMaxStackBelowTailCall - 1),
                                 {describe(chain)},
                                 "a tail call keeps its callers' frames on the stack; keep the stack of functions "
                                 "that reach a tail call under 256 bytes (move large buffers to a per-CPU map)");
            }
            if (callee_total > kMaxCombinedStack) {
                std::vector<std::string> notes{describe(chain), fmt::format("{} uses {} bytes", name(site.callee),
                                                                            rounded(m_depths[site.callee]))};
                if (!m_why_shared.empty()) {
                    notes.push_back(m_why_shared);
                }
                m_reporter.error("call.stack_depth", site.insn,
                                 fmt::format("combined stack of {} calls is {} bytes, more than {}", frames + 1,
                                             callee_total, kMaxCombinedStack),
                                 std::move(notes),
                                 "the stacks of all frames of a call chain share 512 bytes; move large locals "
                                 "into a per-CPU array map, or make the callee use the caller's buffer");
                continue;
            }
            if (callee_all > kMaxCombinedStack && !m_noted_private) {
                m_noted_private = true;
                m_reporter.report(Diagnostic{
                    "call.private_stack",
                    Severity::Note,
                    site.insn,
                    fmt::format("the frames of this chain hold {} bytes, more than {}, but subprograms of {} bytes "
                                "or more run on a private stack ({})",
                                callee_all, kMaxCombinedStack, kPrivateStackMinSize,
                                private_stack_origin(m_context.options)),
                    {describe(chain)},
                    "a kernel without private stacks (before 6.13, or a JIT without them) refuses this chain; "
                    "check with --private-stack no"});
            }
            walk(site.callee, total, all, frames + 1, chain);
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
                    m_sites[function].push_back(CallSite{pc, callee, ref.kind == model::RelocKind::Call});
                }
            } else if (const auto* call = std::get_if<isa::Call>(&program.insns[pc]);
                       call != nullptr && call->kind == isa::CallKind::Helper && call->imm == kHelperTailCall) {
                m_tail_calls[function] = true;
            }
        }
    }

    // A frame's bytes on the kernel stack: none when it runs on a private stack.
    [[nodiscard]] int on_kernel_stack(std::uint32_t function) const {
        const int depth = rounded(m_depths[function]);
        return m_private && depth >= kPrivateStackMinSize ? 0 : depth;
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
    bool m_eligible;               // a program type that may get a private stack
    bool m_private = false;        // ... and gets one on the target kernel
    bool m_noted_private = false;  // call.private_stack reported
    std::string m_why_shared;      // why an eligible program has none
    std::vector<std::vector<CallSite>> m_sites;
    std::vector<bool> m_tail_calls;
    std::set<std::tuple<std::uint32_t, int, int, std::uint32_t>> m_walked;
};

}  // namespace

void check_call_stack_depth(const AnalysisContext& context, std::span<const int> depths, Reporter& reporter) {
    ChainWalker walker(context, depths, reporter);
    std::vector<std::uint32_t> chain;
    walker.walk(0, 0, 0, 1, chain);
}

}  // namespace bpfcheck::analyzer
