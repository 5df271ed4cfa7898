// Programs built from raw slots; see program_object.hpp.
#include "oracle/program_object.hpp"

#include "cfg/isa/decoder.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace bpfcheck::oracle {

namespace {
constexpr std::array<std::string_view, 5> kTypes = {"xdp", "sched_cls", "socket_filter", "cgroup_skb", "kprobe"};
}

std::span<const std::string_view> fuzz_program_types() {
    return kTypes;
}

model::BpfObject object_from_slots(const std::string& type, std::vector<isa::RawInsn> slots,
                                   std::vector<model::InsnRef> refs) {
    model::BpfObject obj;
    obj.path = "generated";
    obj.license = "GPL";
    model::MapDef array;
    array.name = "array";
    array.type = 2;  // BPF_MAP_TYPE_ARRAY
    array.key_size = 4;
    array.value_size = 16;
    array.max_entries = 4;
    model::MapDef hash;
    hash.name = "hash";
    hash.type = 1;  // BPF_MAP_TYPE_HASH
    hash.key_size = 8;
    hash.value_size = 32;
    hash.max_entries = 64;
    obj.maps = {array, hash};
    const bool derive = refs.empty();
    refs.resize(slots.size());
    if (derive) {
        for (std::size_t i = 0; i + 1 < slots.size(); ++i) {
            if (slots[i].opcode == 0x18 && slots[i].src == 1) {
                const auto map = static_cast<std::uint32_t>(static_cast<std::uint32_t>(slots[i].imm) % 2);
                refs[i] = model::InsnRef{model::RelocKind::Map, map, 0, model::kNoIndex, obj.maps[map].name};
            }
        }
    }
    model::Program p;
    p.name = "gen";
    p.section = type;
    p.type = type;
    const auto count = static_cast<std::uint32_t>(slots.size());
    p.entry_slot_count = count;
    p.functions = {model::LinkedFunction{0, 0, count}};
    isa::DecodeResult decoded = isa::decode_program(slots);
    p.insns = std::move(decoded.insns);
    if (!decoded.failures.empty()) {
        p.load_error = decoded.failures.front().message;
    }
    p.slots = std::move(slots);
    p.refs = std::move(refs);
    p.line_of.assign(count, model::kNoIndex);
    p.line_starts.assign(count, false);
    model::Function f;
    f.name = "gen";
    f.section = type;
    f.slot_count = count;
    f.is_global = true;
    f.is_program = true;
    obj.functions.push_back(f);
    obj.programs.push_back(std::move(p));
    return obj;
}

std::vector<std::uint8_t> encode_fuzz_input(const model::Program& program) {
    std::vector<std::uint8_t> out(8, 0);
    const auto found = std::find(kTypes.begin(), kTypes.end(), program.type);
    out[0] = static_cast<std::uint8_t>(found == kTypes.end() ? 0 : found - kTypes.begin());
    for (std::size_t i = 0; i < program.slots.size(); ++i) {
        isa::RawInsn raw = program.slots[i];
        if (i < program.refs.size() && program.refs[i].kind == model::RelocKind::Map) {
            raw.src = 1;
            raw.imm = static_cast<std::int32_t>(program.refs[i].map_index % 2);
        }
        std::uint8_t bytes[8];
        bytes[0] = raw.opcode;
        bytes[1] = static_cast<std::uint8_t>((raw.dst & 0xf) | (raw.src << 4));
        std::memcpy(bytes + 2, &raw.offset, 2);
        std::memcpy(bytes + 4, &raw.imm, 4);
        out.insert(out.end(), bytes, bytes + 8);
    }
    return out;
}

model::BpfObject decode_fuzz_input(std::span<const std::uint8_t> bytes) {
    const std::string type(bytes.empty() ? kTypes[0] : kTypes[bytes[0] % kTypes.size()]);
    const std::span<const std::uint8_t> body = bytes.size() > 8 ? bytes.subspan(8) : std::span<const std::uint8_t>{};
    return object_from_slots(type, isa::read_slots(body.first(body.size() - body.size() % 8)));
}

}  // namespace bpfcheck::oracle
