// The soundness oracle; see soundness.hpp.
#include "oracle/soundness.hpp"

#include "analyzer/platform/program_type.hpp"
#include "oracle/containment.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace bpfcheck::oracle {

interp::ProgramImage image_of(const model::BpfObject& object, const model::Program& program, const std::string& type) {
    interp::ProgramImage image;
    image.type = type;
    image.insns = program.insns;
    for (const model::InsnRef& ref : program.refs) {
        interp::SlotRef slot;
        switch (ref.kind) {
            case model::RelocKind::Map:
                slot = {interp::RefKind::Map, ref.map_index, 0, 0};
                break;
            case model::RelocKind::GlobalData:
                slot = {interp::RefKind::MapValue, ref.map_index, ref.offset, 0};
                break;
            case model::RelocKind::Call:
                slot = {interp::RefKind::Call, 0, 0, ref.target_insn};
                break;
            case model::RelocKind::FuncAddr:
                slot = {interp::RefKind::Func, 0, 0, ref.target_insn};
                break;
            default:
                break;
        }
        image.refs.push_back(slot);
    }
    image.packet_lengths = interp::interesting_packet_lengths(image.insns);
    for (const model::MapDef& map : object.maps) {
        interp::MapModel model;
        model.type = map.type;
        model.key_size = map.key_size;
        model.value_size = map.value_size;
        model.max_entries = map.max_entries;
        model.read_only = map.read_only;
        model.global_data = map.origin == model::MapOrigin::GlobalData;
        model.initial_value = map.initial_value;
        image.maps.push_back(std::move(model));
    }
    return image;
}

namespace {

struct StateKey {
    std::uint32_t pc;
    std::size_t frames;
    auto operator<=>(const StateKey&) const = default;
};

}  // namespace

ProgramReport check_program(const model::BpfObject& object, const model::Program& program, const OracleOptions& options,
                            const std::string& type_override) {
    ProgramReport report;
    report.name = program.name;
    report.type = type_override.empty() ? program.type : type_override;
    std::map<StateKey, std::vector<domains::MachineState>> states;
    analyzer::AnalyzeRequest request;
    request.options = options.analysis;
    request.type_override = type_override;
    request.on_state = [&](std::uint32_t pc, const domains::MachineState& state) {
        if (state.is_bottom()) {
            return;
        }
        auto& parts = states[StateKey{pc, state.frame_count()}];
        for (const domains::MachineState& known : parts) {
            if (known == state) {
                return;
            }
        }
        parts.push_back(state);
        ++report.abstract_states;
    };
    const analyzer::ProgramResult result = analyzer::analyze_program(object, program, request);
    report.verdict = result.verdict;
    if (result.verdict != analyzer::Verdict::Pass) {
        report.skipped = result.verdict == analyzer::Verdict::Fail ? "bpfcheck fails it" : result.error;
        return report;
    }
    interp::ProgramImage image = image_of(object, program, report.type);
    if (analyzer::find_program_type(report.type).tp_buffer_at_zero) {
        // The context's first argument points to a tracepoint buffer the
        // interpreter has no region for (it would read a number there).
        report.skipped =
            fmt::format("program type {}: the interpreter does not model the tracepoint buffer", report.type);
        return report;
    }
    if (const analyzer::ProgramType& type = analyzer::find_program_type(report.type);
        type.model == analyzer::ContextModel::ReadableBlob && !interp::supports_program_type(report.type)) {
        // The analyzer's own model of the context (this checks the analysis, not the model).
        image.blob_size = type.context_size;
        image.blob_start = type.blob_start;
        image.blob_writable = type.blob_writable;
    }
    if (!interp::supports_program(image)) {
        report.skipped = fmt::format("program type {} is not modelled by the interpreter", report.type);
        return report;
    }
    report.checked = true;
    // Functions with global linkage: the analyzer verifies them on their own.
    std::set<std::uint32_t> global_starts;
    for (std::size_t i = 1; i < program.functions.size(); ++i) {
        const auto index = program.functions[i].function;
        if (index < object.functions.size()) {
            const model::Function& function = object.functions[index];
            if (!function.is_program && function.signature && function.signature->global_linkage) {
                global_starts.insert(program.functions[i].start);
            }
        }
    }
    std::map<StateKey, domains::MachineState> joins;
    const auto violation = [&](std::string text) {
        if (report.violations.size() < options.max_violations) {
            report.violations.push_back(std::move(text));
        }
    };
    for (int run = 0; run < options.runs; ++run) {
        const std::uint64_t seed = options.seed * 1000003ULL + static_cast<std::uint64_t>(run);
        bool reported = false;  // one state violation per run is enough
        const auto observe = [&](std::uint32_t pc, const interp::ConcreteState& concrete) {
            if (reported) {
                return;
            }
            ++report.states_checked;
            // The whole call chain; or, inside a global function (analysed on
            // its own below a synthetic caller), the chain from that function on.
            std::vector<FrameMap> maps{FrameMap{}};
            for (std::size_t f = concrete.frames.size(); f-- > 1;) {
                if (global_starts.count(concrete.frames[f].entry_pc) != 0) {
                    maps.push_back(FrameMap{f, 1});
                }
            }
            std::string first_why;
            bool any_state = false;
            for (const FrameMap& map : maps) {
                const StateKey key{pc, concrete.frames.size() - map.concrete_first + map.abstract_first};
                const auto found = states.find(key);
                if (found == states.end()) {
                    continue;
                }
                any_state = true;
                for (const domains::MachineState& part : found->second) {
                    std::string why;
                    if (state_contains(part, concrete, &why, map)) {
                        return;
                    }
                    if (first_why.empty()) {
                        first_why = why;
                    }
                }
                auto join = joins.find(key);
                if (join == joins.end()) {
                    domains::MachineState joined = found->second.front();
                    for (std::size_t i = 1; i < found->second.size(); ++i) {
                        joined.join_with(found->second[i]);
                    }
                    join = joins.emplace(key, std::move(joined)).first;
                }
                if (state_contains(join->second, concrete, nullptr, map)) {
                    ++report.needed_join;
                    return;
                }
            }
            if (!any_state) {
                violation(fmt::format("seed {}: insn {} is reached with {} frame(s), which the analysis never reaches",
                                      seed, pc, concrete.frames.size()));
            } else {
                violation(
                    fmt::format("seed {}: insn {}: concrete state outside the abstract one: {}", seed, pc, first_why));
            }
            reported = true;
        };
        interp::RunOptions run_options;
        run_options.max_steps = options.max_steps;
        const interp::RunResult r = interp::run(image, seed, observe, run_options);
        ++report.runs;
        report.steps += r.steps;
        switch (r.outcome) {
            case interp::Outcome::Exit:
                ++report.exits;
                break;
            case interp::Outcome::Trap:
                ++report.traps;
                violation(fmt::format("seed {}: insn {}: trap: {}", seed, r.pc, r.message));
                break;
            case interp::Outcome::Unsupported:
                ++report.unsupported;
                if (report.first_unsupported.empty()) {
                    report.first_unsupported = fmt::format("insn {}: {}", r.pc, r.message);
                }
                break;
            case interp::Outcome::Budget:
                ++report.budget;
                break;
        }
    }
    return report;
}

}  // namespace bpfcheck::oracle
