// Fuzz target: the instruction decoder, the printer and the CFG builder (with
// its weak topological order) on arbitrary instruction slots; function
// starts are taken from bpf-to-bpf calls, as the linker would place them.
#include "cfg/cfg.hpp"
#include "cfg/isa/decoder.hpp"
#include "cfg/isa/printer.hpp"

#include <algorithm>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bpfcheck;
    const auto slots = isa::read_slots(std::span<const std::uint8_t>(data, size - size % 8));
    const isa::DecodeResult decoded = isa::decode_program(slots);
    for (const isa::Instruction& insn : decoded.insns) {
        (void)isa::format_instruction(insn);
    }
    if (!decoded.failures.empty()) {
        return 0;
    }
    std::vector<std::uint32_t> starts{0};
    for (std::size_t pc = 0; pc < decoded.insns.size(); ++pc) {
        if (const auto* call = std::get_if<isa::Call>(&decoded.insns[pc]);
            call != nullptr && call->kind == isa::CallKind::Local) {
            const std::int64_t target = static_cast<std::int64_t>(pc) + 1 + call->imm;
            if (target > 0 && target < static_cast<std::int64_t>(decoded.insns.size())) {
                starts.push_back(static_cast<std::uint32_t>(target));
            }
        }
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    (void)cfg::Cfg::build(decoded.insns, starts);
    return 0;
}
