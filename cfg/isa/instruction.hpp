// The eBPF instruction set (ISA v1-v4) as plain data.
//
// A program is a sequence of 8-byte slots. `RawInsn` is one slot exactly as it
// sits in the object; `Instruction` is our decoded view of it: a std::variant
// of small structs, one per instruction family, with defaulted equality so
// tests can compare them. The second slot of an `ld_imm64` decodes to
// `Imm64Tail`, which keeps instruction indices equal to slot indices, as in
// the kernel's verifier log. Semantics follow RFC 9669 (BPF ISA).
#pragma once

#include <cstdint>
#include <variant>

namespace bpfcheck::isa {

// One 8-byte slot, fields as the kernel's `struct bpf_insn` names them.
struct RawInsn {
    std::uint8_t opcode = 0;
    std::uint8_t dst = 0;  // low nibble of byte 1
    std::uint8_t src = 0;  // high nibble of byte 1
    std::int16_t offset = 0;
    std::int32_t imm = 0;
    bool operator==(const RawInsn&) const = default;
};

inline constexpr int kRegisterCount = 11;  // r0..r10
inline constexpr std::uint8_t kFramePointer = 10;

// Second operand of ALU and conditional-jump instructions.
struct Operand {
    bool is_register = false;
    std::uint8_t reg = 0;  // when is_register
    std::int64_t imm = 0;  // when !is_register (sign-extended 32-bit immediate)
    bool operator==(const Operand&) const = default;
};

enum class AluOp : std::uint8_t { Add, Sub, Mul, Div, SDiv, Or, And, Lsh, Rsh, Arsh, Neg, Mod, SMod, Xor, Mov, MovSx };

// dst = dst OP src, on 64 bits (is64) or on the low 32 bits, zero-extended.
struct Alu {
    AluOp op = AluOp::Mov;
    bool is64 = true;
    std::uint8_t dst = 0;
    Operand src;
    std::uint8_t movsx_bits = 0;  // 8, 16 or 32 for MovSx
    bool operator==(const Alu&) const = default;
};

enum class ByteOrder : std::uint8_t { ToLittle, ToBig, Swap };

// dst = be16/le32/bswap64 ... dst
struct Endian {
    ByteOrder order = ByteOrder::ToLittle;
    std::uint8_t dst = 0;
    std::uint8_t width = 64;  // 16, 32 or 64 bits
    bool operator==(const Endian&) const = default;
};

// dst = addr_space_cast(src, from, to) (arena pointers, Linux 6.9)
struct AddrSpaceCast {
    std::uint8_t dst = 0;
    std::uint8_t src = 0;
    std::uint16_t from_space = 0;
    std::uint16_t to_space = 0;
    bool operator==(const AddrSpaceCast&) const = default;
};

// dst = *(uN *)(base + offset), optionally sign-extending (ISA v4 ldsx).
struct Load {
    std::uint8_t dst = 0;
    std::uint8_t base = 0;
    std::int16_t offset = 0;
    std::uint8_t width = 8;  // bytes: 1, 2, 4, 8
    bool sign_extend = false;
    bool operator==(const Load&) const = default;
};

// *(uN *)(base + offset) = value (register for STX, immediate for ST)
struct Store {
    std::uint8_t base = 0;
    std::int16_t offset = 0;
    std::uint8_t width = 8;
    Operand value;
    bool operator==(const Store&) const = default;
};

enum class AtomicOp : std::uint8_t { Add, Or, And, Xor, Xchg, CmpXchg };

// lock *(uN *)(base + offset) OP= src; with fetch, src receives the old value
// (CmpXchg compares with r0 and always loads the old value into r0).
struct Atomic {
    AtomicOp op = AtomicOp::Add;
    bool fetch = false;
    std::uint8_t base = 0;
    std::int16_t offset = 0;
    std::uint8_t src = 0;
    std::uint8_t width = 8;  // 4 or 8
    bool operator==(const Atomic&) const = default;
};

// The src_reg field of ld_imm64 says what the 64-bit immediate means.
enum class Imm64Kind : std::uint8_t {
    Value = 0,        // plain constant
    MapFd = 1,        // BPF_PSEUDO_MAP_FD: a map
    MapValue = 2,     // BPF_PSEUDO_MAP_VALUE: address inside a map's value (global data)
    BtfId = 3,        // BPF_PSEUDO_BTF_ID: a kernel symbol (ksym)
    Func = 4,         // BPF_PSEUDO_FUNC: address of a subprogram (callback)
    MapIdx = 5,       // BPF_PSEUDO_MAP_IDX
    MapIdxValue = 6,  // BPF_PSEUDO_MAP_IDX_VALUE
};

struct LoadImm64 {
    std::uint8_t dst = 0;
    Imm64Kind kind = Imm64Kind::Value;
    std::int32_t imm_low = 0;   // first slot's imm
    std::int32_t imm_high = 0;  // second slot's imm
    [[nodiscard]] std::uint64_t value() const {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(imm_high)) << 32) |
               static_cast<std::uint32_t>(imm_low);
    }
    bool operator==(const LoadImm64&) const = default;
};

// The second slot of an ld_imm64; never executed.
struct Imm64Tail {
    bool operator==(const Imm64Tail&) const = default;
};

// Legacy packet access: r0 = *(uN *)skb[imm] or skb[src + imm].
struct LoadPacket {
    bool indirect = false;
    std::uint8_t src = 0;
    std::int32_t imm = 0;
    std::uint8_t width = 4;
    bool operator==(const LoadPacket&) const = default;
};

enum class JumpCond : std::uint8_t { Always, Eq, Gt, Ge, Lt, Le, Set, Ne, SGt, SGe, SLt, SLe };

// if dst COND src goto pc+offset; Always is `goto` (is_long: `gotol`, 32-bit offset).
struct Jump {
    JumpCond cond = JumpCond::Always;
    bool is32 = false;
    std::uint8_t dst = 0;
    Operand src;
    std::int32_t offset = 0;
    bool is_long = false;
    bool operator==(const Jump&) const = default;
};

// may_goto pc+offset: the kernel's bounded-loop escape (Linux 6.9).
struct MayGoto {
    std::int16_t offset = 0;
    bool operator==(const MayGoto&) const = default;
};

enum class CallKind : std::uint8_t { Helper, Local, Kfunc };

// call helper#imm | call pc+imm (bpf-to-bpf) | call kfunc (imm: BTF id)
struct Call {
    CallKind kind = CallKind::Helper;
    std::int32_t imm = 0;
    std::int16_t offset = 0;  // kfunc: BTF fd index of a module; else 0
    bool operator==(const Call&) const = default;
};

// callx reg: indirect call (not accepted by current kernels, decoded for completeness)
struct CallX {
    std::uint8_t reg = 0;
    bool operator==(const CallX&) const = default;
};

struct Exit {
    bool operator==(const Exit&) const = default;
};

using Instruction = std::variant<Alu, Endian, AddrSpaceCast, Load, Store, Atomic, LoadImm64, Imm64Tail, LoadPacket,
                                 Jump, MayGoto, Call, CallX, Exit>;

// Opcode bit fields as the kernel's uapi <linux/bpf_common.h> names them.
namespace opcode {
inline constexpr std::uint8_t kClassLd = 0x00, kClassLdx = 0x01, kClassSt = 0x02, kClassStx = 0x03, kClassAlu = 0x04,
                              kClassJmp = 0x05, kClassJmp32 = 0x06, kClassAlu64 = 0x07;
inline constexpr std::uint8_t class_of(std::uint8_t op) {
    return op & 0x07;
}
inline constexpr std::uint8_t size_of(std::uint8_t op) {
    return op & 0x18;
}
inline constexpr std::uint8_t mode_of(std::uint8_t op) {
    return op & 0xe0;
}
inline constexpr std::uint8_t alu_op_of(std::uint8_t op) {
    return op & 0xf0;
}
inline constexpr std::uint8_t source_of(std::uint8_t op) {
    return op & 0x08;
}
}  // namespace opcode

// Whether control can continue to the next slot after `insn`.
bool falls_through(const Instruction& insn);
// Whether `insn` transfers control to pc+1+offset (a jump, conditional or not).
bool is_jump(const Instruction& insn);
// The branch target of a jump at index `pc`.
std::int64_t jump_target(const Instruction& insn, std::int64_t pc);

}  // namespace bpfcheck::isa
