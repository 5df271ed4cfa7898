// Memory of the interpreter's machine: regions, bounds, the context models.
#include "interp/machine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace bpfcheck::interp {

namespace {

// struct xdp_md and struct __sk_buff (include/uapi/linux/bpf.h).
const CtxModel kXdp{24,
                    {{0, 4, false, Region::Packet},
                     {4, 4, false, Region::PacketEnd},
                     {8, 4, false, Region::PacketMeta},
                     {12, 4, false, Region::Scalar},
                     {16, 4, false, Region::Scalar},
                     {20, 4, false, Region::Scalar}},
                    true};

// struct __sk_buff: which fields a program of each kind may write
// (net/core/filter.c: sk_filter_, tc_cls_act_, cg_skb_is_valid_access).
enum class SkbWriter : std::uint8_t { SocketFilter, Tc, CgroupSkb };

std::vector<CtxField> sk_buff_fields(bool packet, SkbWriter writer) {
    const bool tc = writer == SkbWriter::Tc;
    const bool cg = writer == SkbWriter::CgroupSkb;
    std::vector<CtxField> out = {
        {0, 4, false, Region::Scalar},       // len
        {4, 4, false, Region::Scalar},       // pkt_type
        {8, 4, tc || cg, Region::Scalar},    // mark
        {12, 4, tc, Region::Scalar},         // queue_mapping
        {16, 4, false, Region::Scalar},      // protocol
        {20, 4, false, Region::Scalar},      // vlan_present
        {24, 4, false, Region::Scalar},      // vlan_tci
        {28, 4, false, Region::Scalar},      // vlan_proto
        {32, 4, tc || cg, Region::Scalar},   // priority
        {36, 4, false, Region::Scalar},      // ingress_ifindex
        {40, 4, false, Region::Scalar},      // ifindex
        {44, 4, tc, Region::Scalar},         // tc_index
        {48, 20, true, Region::Scalar},      // cb[5]: any width, any program writes
        {68, 4, false, Region::Scalar},      // hash
        {72, 4, tc, Region::Scalar},         // tc_classid
        {152, 8, tc || cg, Region::Scalar},  // tstamp
        {160, 4, false, Region::Scalar},     // wire_len
        {164, 4, false, Region::Scalar},     // gso_segs
        {176, 4, false, Region::Scalar},     // gso_size
        {184, 8, false, Region::Scalar},     // hwtstamp
    };
    if (packet) {
        out.push_back({76, 4, false, Region::Packet});
        out.push_back({80, 4, false, Region::PacketEnd});
        if (tc) {
            out.push_back({140, 4, false, Region::PacketMeta});
        }
    }
    for (std::uint32_t off = 84; off < 140; off += 4) {
        out.push_back({off, 4, false, Region::Scalar});  // napi_id, family, addresses, ports
    }
    return out;
}

const CtxModel kTc{192, sk_buff_fields(true, SkbWriter::Tc), true};
const CtxModel kSocketFilter{192, sk_buff_fields(false, SkbWriter::SocketFilter), false};
const CtxModel kCgroupSkb{192, sk_buff_fields(true, SkbWriter::CgroupSkb), true};
const CtxModel kKprobe{168, {}, false};  // struct pt_regs (x86-64): a readable blob

constexpr std::uint64_t kPacketBase = 0xffff888010000000ULL;
constexpr std::uint64_t kCtxBase = 0xffff888020000000ULL;
constexpr std::uint64_t kStackBase = 0xffffc90000000000ULL;
constexpr std::uint64_t kMapValueBase = 0xffff888100000000ULL;
constexpr std::uint64_t kMapBase = 0xffff888200000000ULL;
constexpr std::uint64_t kFuncBase = 0xffffffffa0000000ULL;

}  // namespace

const CtxModel* find_ctx_model(const std::string& type) {
    if (type == "xdp") {
        return &kXdp;
    }
    if (type == "sched_cls" || type == "sched_act") {
        return &kTc;
    }
    if (type == "socket_filter") {
        return &kSocketFilter;
    }
    if (type == "cgroup_skb") {
        return &kCgroupSkb;
    }
    if (type == "kprobe") {
        return &kKprobe;
    }
    return nullptr;
}

std::vector<std::uint32_t> interesting_packet_lengths(const std::vector<isa::Instruction>& insns) {
    std::vector<std::uint32_t> out;
    const auto add = [&](std::int64_t k) {
        for (std::int64_t d = -1; d <= 1; ++d) {
            if (k + d >= 0 && k + d < 2048) {
                out.push_back(static_cast<std::uint32_t>(k + d));
            }
        }
    };
    for (const isa::Instruction& insn : insns) {
        if (const auto* alu = std::get_if<isa::Alu>(&insn); alu && !alu->src.is_register) {
            add(alu->src.imm);
        } else if (const auto* jump = std::get_if<isa::Jump>(&insn); jump && !jump->src.is_register) {
            add(jump->src.imm);
        } else if (const auto* load = std::get_if<isa::Load>(&insn)) {
            add(load->offset + load->width);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool supports_program_type(const std::string& type) {
    return find_ctx_model(type) != nullptr;
}

bool supports_program(const ProgramImage& program) {
    return supports_program_type(program.type) || program.blob_size > 0;
}

Machine::Machine(const ProgramImage& image, std::uint64_t seed)
    : rng(seed),
      program(image),
      ctx(find_ctx_model(image.type) != nullptr
              ? *find_ctx_model(image.type)
              : CtxModel{image.blob_size, {}, false, image.blob_start, image.blob_writable}) {
    // Packets: often short (so bounds matter), sometimes full-size.
    const std::uint64_t shape = rng() % 8;
    std::size_t length = shape < 3 ? rng() % 64 : shape < 7 ? 14 + rng() % 128 : rng() % 1515;
    if (!image.packet_lengths.empty() && rng() % 4 == 0) {
        length = image.packet_lengths[rng() % image.packet_lengths.size()];
    }
    packet.resize(ctx.packet ? length : 0);
    for (auto& b : packet) {
        b = static_cast<std::uint8_t>(rng() % 4 == 0 ? 0 : rng());
    }
    state.packet_length = static_cast<std::int64_t>(packet.size());
    // Context numbers: small ones often (indices, flags), any width sometimes.
    ctx_bytes.resize(ctx.size);
    for (std::size_t word = 0; word < ctx_bytes.size(); word += 4) {
        static constexpr std::uint64_t kLimits[] = {16, 256, 65536, 1ULL << 32};
        const std::uint64_t v = rng() % kLimits[rng() % std::size(kLimits)];
        for (std::size_t i = 0; i < 4 && word + i < ctx_bytes.size(); ++i) {
            ctx_bytes[word + i] = static_cast<std::uint8_t>(v >> (8 * i));
        }
    }
    for (const MapModel& map : program.maps) {
        std::vector<std::uint8_t> value(map.value_size);
        if (map.global_data && !map.initial_value.empty()) {
            std::memcpy(value.data(), map.initial_value.data(), std::min(value.size(), map.initial_value.size()));
        } else if (!map.global_data || map.read_only) {
            for (auto& b : value) {
                b = static_cast<std::uint8_t>(rng() % 2 == 0 ? 0 : rng());
            }
        }
        map_values.push_back(std::move(value));
    }
    ConcreteFrame entry;
    for (auto& b : entry.stack.bytes) {
        b = static_cast<std::uint8_t>(rng());
    }
    entry.regs[1] = Cval::pointer(Region::Ctx, 0, 0);
    entry.regs[10] = Cval::pointer(Region::Stack, 0, kStackBytes);
    state.frames.push_back(entry);
}

Cval Machine::read(int r) {
    const Cval v = reg(r);
    if (v.is_uninit()) {
        throw Trap(fmt::format("read of uninitialised register r{}", r));
    }
    return v;
}

std::uint64_t Machine::address(const Cval& v) const {
    switch (v.region) {
        case Region::Uninit:
        case Region::Scalar:
            return v.v;
        case Region::Ctx:
            return kCtxBase + v.v;
        case Region::Stack:
            return kStackBase + v.index * 0x1000ULL + v.v;
        case Region::Packet:
        case Region::PacketMeta:  // data_meta == data: no metadata
            return kPacketBase + v.v;
        case Region::PacketEnd:
            return kPacketBase + packet.size() + v.v;
        case Region::MapValue:
            return kMapValueBase + v.index * 0x100000ULL + v.v;
        case Region::MapPtr:
            return kMapBase + v.index * 0x1000ULL + v.v;
        case Region::Func:
            return kFuncBase + v.index * 8ULL + v.v;
    }
    return v.v;
}

std::uint8_t* Machine::locate(const Cval& base, std::int64_t offset, int width, bool write) {
    const std::int64_t off = base.offset() + offset;
    const auto out_of = [&](const char* what, std::int64_t size) {
        return Trap(
            fmt::format("{}-byte {} at offset {} of {} ({} bytes)", width, write ? "write" : "read", off, what, size));
    };
    switch (base.region) {
        case Region::Uninit:
            throw Trap("access through an uninitialised register");
        case Region::Scalar:
            throw Trap(base.v == 0 ? "NULL dereference" : fmt::format("dereference of the number {:#x}", base.v));
        case Region::Stack: {
            if (base.index >= state.frames.size()) {
                throw Trap("access to the stack of a returned frame");
            }
            if (off < 0 || off + width > kStackBytes) {
                throw out_of("the stack", kStackBytes);
            }
            if (off % width != 0) {
                throw Trap(fmt::format("misaligned {}-byte stack access at fp{}", width, off - kStackBytes));
            }
            ConcreteStack& stack = state.frames[base.index].stack;
            if (write) {
                for (int i = 0; i < width; ++i) {
                    stack.written[static_cast<std::size_t>(off + i)] = true;
                    stack.spills[static_cast<std::size_t>((off + i) / 8)].reset();
                }
            }
            return &stack.bytes[static_cast<std::size_t>(off)];
        }
        case Region::Packet:
        case Region::PacketMeta: {
            const auto size = static_cast<std::int64_t>(packet.size());
            const std::int64_t start = base.region == Region::PacketMeta ? 0 : 0;
            const std::int64_t limit = base.region == Region::PacketMeta ? 0 : size;
            if (off < start || off + width > limit) {
                throw out_of(base.region == Region::PacketMeta ? "the packet metadata" : "the packet", limit);
            }
            return &packet[static_cast<std::size_t>(off)];
        }
        case Region::PacketEnd:
            throw Trap("access through the packet end pointer");
        case Region::MapValue: {
            const MapModel& map = program.maps.at(base.index);
            if (off < 0 || off + width > static_cast<std::int64_t>(map.value_size)) {
                throw out_of("a map value", map.value_size);
            }
            if (write && map.read_only) {
                throw Trap("write into a read-only map");
            }
            return &map_values[base.index][static_cast<std::size_t>(off)];
        }
        case Region::MapPtr:
            if (!write) {
                throw Unsupported("read of struct bpf_map fields through a map pointer");
            }
            throw Trap("write through a map pointer");
        case Region::Func:
            throw Trap("access through a function pointer");
        case Region::Ctx:
            return nullptr;
    }
    return nullptr;
}

Cval Machine::load(const Cval& base, std::int64_t offset, int width) {
    if (base.region == Region::Ctx) {
        return load_ctx(base.offset() + offset, width);
    }
    const std::uint8_t* bytes = locate(base, offset, width, false);
    if (base.region == Region::Stack && width == 8) {
        const auto slot = static_cast<std::size_t>((base.offset() + offset) / 8);
        if (const auto& spilled = state.frames[base.index].stack.spills[slot]) {
            return *spilled;
        }
    }
    std::uint64_t v = 0;
    std::memcpy(&v, bytes, static_cast<std::size_t>(width));
    return Cval::scalar(v);
}

void Machine::store(const Cval& base, std::int64_t offset, int width, const Cval& value) {
    if (base.region == Region::Ctx) {
        store_ctx(base.offset() + offset, width, value);
        return;
    }
    std::uint8_t* bytes = locate(base, offset, width, true);
    const std::uint64_t v = address(value);
    std::memcpy(bytes, &v, static_cast<std::size_t>(width));
    if (base.region == Region::Stack && width == 8 && value.is_pointer()) {
        state.frames[base.index].stack.spills[static_cast<std::size_t>((base.offset() + offset) / 8)] = value;
    }
}

Cval Machine::load_ctx(std::int64_t off, int width) {
    if (off < 0 || off + width > static_cast<std::int64_t>(ctx.size)) {
        throw Trap(fmt::format("{}-byte read at context offset {} (the context has {} bytes)", width, off, ctx.size));
    }
    if (ctx.fields.empty()) {
        if (off < static_cast<std::int64_t>(ctx.blob_start)) {
            throw Trap(fmt::format("context read at offset {}, before the readable part ({})", off, ctx.blob_start));
        }
        if (off % width != 0) {
            throw Trap(fmt::format("misaligned context read at offset {}", off));
        }
    } else {
        const CtxField* field = nullptr;
        for (const CtxField& f : ctx.fields) {
            if (off >= f.offset && off + width <= f.offset + f.size) {
                field = &f;
            }
        }
        if (field == nullptr) {
            if (off == 144 || off == 168) {
                throw Unsupported("__sk_buff->flow_keys / sk (kernel object pointers)");
            }
            throw Trap(fmt::format("{}-byte read at context offset {}: no field there", width, off));
        }
        if (field->pointer != Region::Scalar) {
            if (off != field->offset || width != static_cast<int>(field->size)) {
                throw Trap(fmt::format("partial read of the pointer field at context offset {}", field->offset));
            }
            return Cval::pointer(field->pointer, 0, 0);
        }
        if (off % width != 0) {
            throw Trap(fmt::format("misaligned read of the context field at offset {}", field->offset));
        }
    }
    std::uint64_t v = 0;
    std::memcpy(&v, &ctx_bytes[static_cast<std::size_t>(off)], static_cast<std::size_t>(width));
    return Cval::scalar(v);
}

void Machine::store_ctx(std::int64_t off, int width, const Cval& value) {
    if (ctx.fields.empty() && ctx.blob_writable) {
        if (off < static_cast<std::int64_t>(ctx.blob_start) || off + width > static_cast<std::int64_t>(ctx.size) ||
            off % width != 0) {
            throw Trap(fmt::format("{}-byte write at context offset {}: outside the writable blob", width, off));
        }
        const std::uint64_t v = address(value);
        std::memcpy(&ctx_bytes[static_cast<std::size_t>(off)], &v, static_cast<std::size_t>(width));
        return;
    }
    const CtxField* field = nullptr;
    for (const CtxField& f : ctx.fields) {
        if (off >= f.offset && off + width <= f.offset + f.size) {
            field = &f;
        }
    }
    if (field == nullptr || !field->writable || off % width != 0) {
        throw Trap(fmt::format("{}-byte write at context offset {}: not a writable field", width, off));
    }
    // A pointer stored into cb[] is its address: privileged programs may leak it.
    const std::uint64_t v = address(value);
    std::memcpy(&ctx_bytes[static_cast<std::size_t>(off)], &v, static_cast<std::size_t>(width));
}

void Machine::forget_packet_pointers() {
    const auto forget = [&](Cval& v) {
        if (v.region == Region::Packet || v.region == Region::PacketMeta || v.region == Region::PacketEnd) {
            v = Cval::scalar(address(v));
        }
    };
    for (ConcreteFrame& f : state.frames) {
        for (Cval& r : f.regs) {
            forget(r);
        }
        for (std::optional<Cval>& spill : f.stack.spills) {
            if (spill) {
                forget(*spill);
            }
        }
    }
}

void Machine::check_mem(const Cval& ptr, std::int64_t size, bool write, const char* what) {
    if (size < 0) {
        throw Trap(fmt::format("{}: negative size {}", what, size));
    }
    if (size == 0) {
        return;
    }
    if (ptr.region == Region::Ctx) {
        throw Unsupported(fmt::format("{}: context memory passed to a helper", what));
    }
    // Every byte: stack accesses byte by byte (alignment is no concern for helpers).
    for (std::int64_t i = 0; i < size; ++i) {
        Cval byte = ptr;
        byte.v += static_cast<std::uint64_t>(i);
        try {
            locate(byte, 0, 1, write);
        } catch (const Trap& trap) {
            throw Trap(fmt::format("{}: {}", what, trap.what()));
        }
    }
}

void Machine::fill_random(const Cval& ptr, std::int64_t size) {
    for (std::int64_t i = 0; i < size; ++i) {
        Cval byte = ptr;
        byte.v += static_cast<std::uint64_t>(i);
        *locate(byte, 0, 1, true) = static_cast<std::uint8_t>(rng());
    }
}

}  // namespace bpfcheck::interp
