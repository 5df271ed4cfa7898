// The typed program generator; see generator.hpp.
#include "oracle/generator.hpp"

#include "oracle/program_object.hpp"

#include <array>
#include <random>

namespace bpfcheck::oracle {

namespace {

using isa::RawInsn;

// Opcodes (uapi/linux/bpf.h, bpf_common.h).
constexpr std::uint8_t kAlu64 = 0x07, kAlu = 0x04, kJmp = 0x05, kJmp32 = 0x06, kLdx = 0x61 & 0xe7, kK = 0x00, kX = 0x08;
constexpr std::uint8_t kSizeW = 0x00, kSizeH = 0x08, kSizeB = 0x10, kSizeDW = 0x18;
constexpr std::uint8_t kMem = 0x60;
constexpr std::uint8_t kAluOps[] = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xc0};  // add..xor
constexpr std::uint8_t kJumpOps[] = {0x10, 0x20, 0x30, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0, 0x40};

enum class Type : std::uint8_t { None, Scalar, Ctx, Packet, PacketEnd, Stack };

class Generator {
public:
    Generator(std::uint64_t seed, const GeneratorOptions& options) : m_rng(seed), m_options(options) {}

    model::BpfObject build() {
        prologue();
        for (int i = 0; i < m_options.blocks; ++i) {
            shape();
        }
        epilogue();
        return object();
    }

private:
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : m_rng() % n; }
    bool faulty() { return std::uniform_real_distribution<double>(0, 1)(m_rng) < m_options.faulty; }

    void emit(std::uint8_t op, int dst, int src, int off, std::int32_t imm) {
        m_slots.push_back(RawInsn{op, static_cast<std::uint8_t>(dst), static_cast<std::uint8_t>(src),
                                  static_cast<std::int16_t>(off), imm});
        m_refs.emplace_back();
    }
    void mov_imm(int dst, std::int32_t imm) {
        emit(kAlu64 | 0xb0 | kK, dst, 0, 0, imm);
        m_types[dst] = Type::Scalar;
    }
    void mov_reg(int dst, int src) {
        emit(kAlu64 | 0xb0 | kX, dst, src, 0, 0);
        m_types[dst] = m_types[src];
    }
    void load(int width_code, int dst, int base, int off) {
        emit(static_cast<std::uint8_t>(kMem | width_code | 0x01), dst, base, off, 0);
        m_types[dst] = Type::Scalar;
    }
    void store_reg(int width_code, int base, int off, int src) {
        emit(static_cast<std::uint8_t>(kMem | width_code | 0x03), base, src, off, 0);
    }
    void store_imm(int width_code, int base, int off, std::int32_t imm) {
        emit(static_cast<std::uint8_t>(kMem | width_code | 0x02), base, 0, off, imm);
    }
    // A forward jump whose offset is patched once the target is known.
    std::size_t jump(std::uint8_t op, int dst, int src, std::int32_t imm) {
        emit(op, dst, src, 0, imm);
        return m_slots.size() - 1;
    }
    void land(std::size_t from) { m_slots[from].offset = static_cast<std::int16_t>(m_slots.size() - from - 1); }
    void map_address(int dst, std::uint32_t map) {
        emit(0x18, dst, 1, 0, 0);  // ld_imm64 dst, map (BPF_PSEUDO_MAP_FD)
        m_refs.back() = model::InsnRef{model::RelocKind::Map, map, 0, model::kNoIndex, map == 0 ? "array" : "hash"};
        emit(0, 0, 0, 0, 0);
    }

    int scalar_reg() {
        std::array<int, 11> found{};
        int n = 0;
        for (int r : {0, 4, 5, 7, 8, 9}) {
            if (m_types[r] == Type::Scalar) {
                found[n++] = r;
            }
        }
        if (n == 0) {
            mov_imm(7, static_cast<std::int32_t>(below(100)));
            return 7;
        }
        return found[below(n)];
    }

    void prologue() {
        m_types.fill(Type::None);
        m_types[1] = Type::Ctx;
        m_types[10] = Type::Stack;
        mov_reg(6, 1);
        emit(kLdx | kMem | kSizeW | 0x01, 2, 6, 0, 0);  // r2 = ctx->data
        m_types[2] = Type::Packet;
        emit(kLdx | kMem | kSizeW | 0x01, 3, 6, 4, 0);  // r3 = ctx->data_end
        m_types[3] = Type::PacketEnd;
        mov_imm(0, 2);
        for (int r : {7, 8, 9}) {
            if (below(2) == 0) {
                load(kSizeW, r, 6, 12 + 4 * static_cast<int>(below(2)));  // ingress_ifindex, rx_queue_index: unknown
            } else {
                mov_imm(r, static_cast<std::int32_t>(below(3) == 0 ? m_rng() : below(64)));
            }
        }
        store_imm(kSizeDW, 10, -8, 0);
        store_imm(kSizeDW, 10, -16, 0);
    }

    void shape() {
        switch (below(14)) {
            case 8:
                return signed_bounds_packet_read();
            case 9:
                return spilled_packet_pointer();
            case 10:
                return map_variable_offset();
            case 11:
                return v4_arithmetic();
            case 12:
                return reversed_packet_check();
            case 13:
                return stack_atomic();
            case 0:
            case 1:
                return packet_read();
            case 2:
                return variable_packet_read();
            case 3:
                return map_access();
            case 4:
                return arithmetic();
            case 5:
                return stack_spill();
            case 6:
                return branch();
            default:
                return loop();
        }
    }

    // r4 = data + K; if r4 > data_end goto skip; rX = *(data + k)
    void packet_read() {
        const int len = 1 + static_cast<int>(below(64));
        static constexpr int kWidths[] = {1, 2, 4, 8};
        static constexpr std::uint8_t kCodes[] = {kSizeB, kSizeH, kSizeW, kSizeDW};
        const int w = static_cast<int>(below(4));
        if (kWidths[w] > len) {
            return;
        }
        mov_reg(4, 2);
        emit(kAlu64 | 0x00 | kK, 4, 0, 0, len);
        const std::size_t skip = jump(kJmp | 0x20 | kX, 4, 3, 0);  // if r4 > r3
        int off = static_cast<int>(below(static_cast<std::uint64_t>(len - kWidths[w] + 1)));
        if (faulty()) {
            off = len - kWidths[w] + 1;
        }
        const int dst = below(2) == 0 ? 5 : 8;
        load(kCodes[w], dst, 2, off);
        if (below(3) == 0) {
            store_reg(kCodes[w], 2, off, dst);  // xdp may write the packet
        }
        land(skip);
        m_types[4] = Type::None;
        m_types[dst] = Type::Scalar;
    }

    // r5 = scalar & mask; r4 = data + r5; if r4 + W > data_end goto skip; read
    void variable_packet_read() {
        const int src = scalar_reg();
        mov_reg(5, src);
        const std::int32_t mask = static_cast<std::int32_t>((1U << (2 + below(6))) - 1);
        emit(kAlu64 | 0x50 | kK, 5, 0, 0, faulty() ? -1 : mask);
        mov_reg(4, 2);
        emit(kAlu64 | 0x00 | kX, 4, 5, 0, 0);
        m_types[4] = Type::Packet;
        mov_reg(9, 4);
        emit(kAlu64 | 0x00 | kK, 9, 0, 0, 4);
        const std::size_t skip = jump(kJmp | 0x20 | kX, 9, 3, 0);
        load(kSizeW, 0, 4, 0);
        land(skip);
        m_types[4] = Type::None;
        m_types[9] = Type::Scalar;
        mov_imm(9, 1);
    }

    // key on the stack; r0 = lookup(map, &key); if r0 == 0 goto skip; r0[off] op
    void map_access() {
        const bool array = below(2) == 0;
        const int key_off = -8;
        if (array) {
            store_imm(kSizeW, 10, key_off, static_cast<std::int32_t>(below(6)));
        } else {
            const int src = scalar_reg();
            store_reg(kSizeDW, 10, key_off, src);
        }
        map_address(1, array ? 0 : 1);
        mov_reg(2, 10);
        emit(kAlu64 | 0x00 | kK, 2, 0, 0, key_off);
        emit(0x85, 0, 0, 0, 1);  // call map_lookup_elem
        for (int r = 1; r <= 5; ++r) {
            m_types[r] = Type::None;
        }
        const int value_size = array ? 16 : 32;
        const bool skip_check = faulty();
        std::size_t skip = 0;
        if (!skip_check) {
            skip = jump(kJmp | 0x10 | kK, 0, 0, 0);  // if r0 == 0
        }
        int off = 8 * static_cast<int>(below(static_cast<std::uint64_t>(value_size / 8)));
        if (faulty()) {
            off = value_size - 4;
        }
        load(kSizeDW, 7, 0, off);
        if (below(2) == 0) {
            emit(0xdb, 0, 7, off, 0x00);  // lock *(u64 *)(r0 + off) += r7
        }
        if (!skip_check) {
            land(skip);
        }
        mov_imm(0, 1);
        // r2, r3 are clobbered by the call: reload the packet pointers.
        emit(kLdx | kMem | kSizeW | 0x01, 2, 6, 0, 0);
        m_types[2] = Type::Packet;
        emit(kLdx | kMem | kSizeW | 0x01, 3, 6, 4, 0);
        m_types[3] = Type::PacketEnd;
    }

    void arithmetic() {
        const int n = 1 + static_cast<int>(below(4));
        for (int i = 0; i < n; ++i) {
            const int dst = scalar_reg();
            const std::uint8_t op = kAluOps[below(std::size(kAluOps))];
            const std::uint8_t cls = below(3) == 0 ? kAlu : kAlu64;
            std::int32_t imm =
                below(2) == 0 ? static_cast<std::int32_t>(m_rng()) : static_cast<std::int32_t>(below(70));
            if (op == 0x60 || op == 0x70 || op == 0xc0) {
                imm &= cls == kAlu ? 31 : 63;  // shifts: in range, or the kernel rejects them
            }
            if (below(2) == 0) {
                emit(static_cast<std::uint8_t>(cls | op | kK), dst, 0, 0, imm);
            } else {
                const int src = scalar_reg();
                if (op == 0x60 || op == 0x70 || op == 0xc0) {
                    emit(static_cast<std::uint8_t>(cls | 0x50 | kK), src, 0, 0, cls == kAlu ? 31 : 63);
                }
                emit(static_cast<std::uint8_t>(cls | op | kX), dst, src, 0, 0);
            }
        }
    }

    void stack_spill() {
        const int src = scalar_reg();
        const int slot = -8 * static_cast<int>(2 + below(6));
        store_reg(kSizeDW, 10, slot, src);
        const int dst = below(2) == 0 ? 8 : 9;
        static constexpr std::uint8_t kCodes[] = {kSizeB, kSizeH, kSizeW, kSizeDW};
        load(kCodes[below(4)], dst, 10, slot);
    }

    void branch() {
        const int a = scalar_reg();
        const std::uint8_t op = kJumpOps[below(std::size(kJumpOps))];
        const std::uint8_t cls = below(3) == 0 ? kJmp32 : kJmp;
        const std::size_t skip = jump(static_cast<std::uint8_t>(cls | op | kK), a, 0,
                                      static_cast<std::int32_t>(below(2) == 0 ? below(64) : m_rng()));
        arithmetic();
        land(skip);
    }

    // r5 = scalar; if r5 s> N goto skip; if r5 s< 0 goto skip; (or the 32-bit
    // forms) r4 = data + r5; if r4 + 4 > data_end goto skip; read
    void signed_bounds_packet_read() {
        mov_reg(5, scalar_reg());
        const bool is32 = below(2) == 0;
        const std::uint8_t cls = is32 ? kJmp32 : kJmp;
        if (is32) {
            emit(kAlu | 0xb0 | kX, 5, 5, 0, 0);  // w5 = w5
        }
        const std::int32_t bound = static_cast<std::int32_t>(below(128));
        const std::size_t too_big = jump(static_cast<std::uint8_t>(cls | 0x60 | kK), 5, 0, bound);  // s>
        std::size_t negative = 0;
        const bool check_sign = !faulty();
        if (check_sign) {
            negative = jump(static_cast<std::uint8_t>(cls | 0xc0 | kK), 5, 0, 0);  // s<
        }
        mov_reg(4, 2);
        emit(kAlu64 | 0x00 | kX, 4, 5, 0, 0);
        m_types[4] = Type::Packet;
        mov_reg(9, 4);
        emit(kAlu64 | 0x00 | kK, 9, 0, 0, 4);
        const std::size_t short_packet = jump(kJmp | 0x20 | kX, 9, 3, 0);
        load(kSizeW, 8, 4, 0);
        land(too_big);
        if (check_sign) {
            land(negative);
        }
        land(short_packet);
        m_types[4] = Type::None;
        mov_imm(9, 1);
    }

    // A packet pointer spilled, filled into another register, bounds-checked
    // through the copy, then read through the original.
    void spilled_packet_pointer() {
        const int len = 2 + static_cast<int>(below(40));
        store_reg(kSizeDW, 10, -24, 2);
        emit(kLdx | kMem | kSizeDW | 0x01 | 0x18, 4, 10, -24, 0);  // r4 = *(u64 *)(r10 - 24)
        m_types[4] = Type::Packet;
        emit(kAlu64 | 0x00 | kK, 4, 0, 0, len);
        const std::size_t skip = jump(kJmp | 0x20 | kX, 4, 3, 0);
        load(kSizeB, 8, 2, faulty() ? len : len - 1);
        land(skip);
        m_types[4] = Type::None;
    }

    // r0 = lookup(array); if r0 == 0 goto skip; r7 &= 15 (or 8 + 7); r0 += r7; read u8
    void map_variable_offset() {
        store_imm(kSizeW, 10, -8, static_cast<std::int32_t>(below(4)));
        map_address(1, 0);
        mov_reg(2, 10);
        emit(kAlu64 | 0x00 | kK, 2, 0, 0, -8);
        emit(0x85, 0, 0, 0, 1);
        for (int r = 1; r <= 5; ++r) {
            m_types[r] = Type::None;
        }
        const std::size_t skip = jump(kJmp | 0x10 | kK, 0, 0, 0);
        const int src = scalar_reg();
        mov_reg(5, src);
        emit(kAlu64 | 0x50 | kK, 5, 0, 0, faulty() ? 31 : 15);
        emit(kAlu64 | 0x00 | kX, 0, 5, 0, 0);
        load(kSizeB, 7, 0, 0);
        land(skip);
        mov_imm(0, 1);
        emit(kLdx | kMem | kSizeW | 0x01, 2, 6, 0, 0);
        m_types[2] = Type::Packet;
        emit(kLdx | kMem | kSizeW | 0x01, 3, 6, 4, 0);
        m_types[3] = Type::PacketEnd;
    }

    // ISA v4 and byte-order operations on scalars: sdiv/smod (offset 1),
    // movsx, bswap, be/le, and a sign-extending load from the stack.
    void v4_arithmetic() {
        const int dst = scalar_reg();
        switch (below(5)) {
            case 0:
                emit(static_cast<std::uint8_t>((below(2) == 0 ? kAlu64 : kAlu) | (below(2) == 0 ? 0x30 : 0x90) | kK),
                     dst, 0, 1, static_cast<std::int32_t>(below(2) == 0 ? -3 : 7));
                break;
            case 1:
                emit(kAlu64 | 0xb0 | kX, dst, scalar_reg(), static_cast<int>(8 << below(3)), 0);  // movsx
                break;
            case 2:
                emit(0xd7, dst, 0, 0, static_cast<std::int32_t>(16 << below(3)));  // bswap
                break;
            case 3:
                emit(static_cast<std::uint8_t>(0xd4 | (below(2) == 0 ? 0x08 : 0)), dst, 0, 0,
                     static_cast<std::int32_t>(16 << below(3)));  // le / be
                break;
            default: {
                store_reg(kSizeDW, 10, -32, dst);
                static constexpr std::uint8_t kCodes[] = {kSizeB, kSizeH, kSizeW};
                emit(static_cast<std::uint8_t>(0x81 | kCodes[below(3)]), 8, 10, -32, 0);  // ldsx
                m_types[8] = Type::Scalar;
                break;
            }
        }
    }

    // if data + K <= data_end (written as data_end >= r4) goto read; else skip
    void reversed_packet_check() {
        const int len = 1 + static_cast<int>(below(48));
        mov_reg(4, 2);
        emit(kAlu64 | 0x00 | kK, 4, 0, 0, len);
        const std::size_t ok = jump(kJmp | 0x30 | kX, 3, 4, 0);  // if r3 >= r4 goto ok
        const std::size_t out = jump(kJmp, 0, 0, 0);
        land(ok);
        load(kSizeB, 5, 2, faulty() ? len : len - 1);
        land(out);
        m_types[4] = Type::None;
        m_types[5] = Type::Scalar;
    }

    // lock *(u64 *)(r10 - 40) += r, with fetch sometimes.
    void stack_atomic() {
        store_imm(kSizeDW, 10, -40, static_cast<std::int32_t>(below(10)));
        const int src = scalar_reg();
        emit(0xdb, 10, src, -40, below(2) == 0 ? 0x00 : 0x01);  // add / fetch_add
        load(kSizeDW, 8, 10, -40);
    }

    // r9 = 0; loop: r9 += 1; ...; if r9 < N goto loop
    void loop() {
        mov_imm(9, 0);
        const std::size_t head = m_slots.size();
        emit(kAlu64 | 0x00 | kK, 9, 0, 0, 1);
        const int dst = below(2) == 0 ? 7 : 8;
        if (m_types[dst] != Type::Scalar) {
            mov_imm(dst, 0);
        }
        emit(kAlu64 | 0x00 | kX, dst, 9, 0, 0);
        emit(kJmp | 0xa0 | kK, 9, 0, static_cast<int>(head) - static_cast<int>(m_slots.size()) - 1,
             static_cast<std::int32_t>(2 + below(8)));
    }

    void epilogue() {
        emit(kAlu64 | 0x50 | kK, 0, 0, 0, 3);  // r0 &= 3: an XDP action
        m_types[0] = Type::Scalar;
        emit(0x95, 0, 0, 0, 0);
    }

    model::BpfObject object() { return object_from_slots("xdp", m_slots, m_refs); }

    std::mt19937_64 m_rng;
    GeneratorOptions m_options;
    std::vector<RawInsn> m_slots;
    std::vector<model::InsnRef> m_refs;
    std::array<Type, 11> m_types{};
};

}  // namespace

model::BpfObject generate_program(std::uint64_t seed, const GeneratorOptions& options) {
    return Generator(seed, options).build();
}

}  // namespace bpfcheck::oracle
