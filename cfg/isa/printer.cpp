// Kernel-log syntax printer. Formats follow kernel/bpf/disasm.c (Linux 6.x):
// register names `rN` / `wN` for 32-bit forms, signed offsets printed with an
// explicit sign (`r6 +76`, `r10 -8`), jump immediates in hex. For ld_imm64 of
// maps and globals the kernel prints a raw pointer; we print what the object
// names instead (`map[name]`, `map[.rodata]+16`), as bpftool does.
#include "cfg/isa/printer.hpp"

#include "cfg/isa/helper_names.hpp"

#include <fmt/format.h>

namespace bpfcheck::isa {
namespace {

std::string_view alu_symbol(AluOp op) {
    switch (op) {
        case AluOp::Add:
            return "+=";
        case AluOp::Sub:
            return "-=";
        case AluOp::Mul:
            return "*=";
        case AluOp::Div:
            return "/=";
        case AluOp::SDiv:
            return "s/=";
        case AluOp::Or:
            return "|=";
        case AluOp::And:
            return "&=";
        case AluOp::Lsh:
            return "<<=";
        case AluOp::Rsh:
            return ">>=";
        case AluOp::Arsh:
            return "s>>=";
        case AluOp::Neg:
            return "neg";
        case AluOp::Mod:
            return "%=";
        case AluOp::SMod:
            return "s%=";
        case AluOp::Xor:
            return "^=";
        case AluOp::Mov:
        case AluOp::MovSx:
            return "=";
    }
    return "?";
}

std::string_view jump_symbol(JumpCond cond) {
    switch (cond) {
        case JumpCond::Always:
            return "jmp";
        case JumpCond::Eq:
            return "==";
        case JumpCond::Gt:
            return ">";
        case JumpCond::Ge:
            return ">=";
        case JumpCond::Lt:
            return "<";
        case JumpCond::Le:
            return "<=";
        case JumpCond::Set:
            return "&";
        case JumpCond::Ne:
            return "!=";
        case JumpCond::SGt:
            return "s>";
        case JumpCond::SGe:
            return "s>=";
        case JumpCond::SLt:
            return "s<";
        case JumpCond::SLe:
            return "s<=";
    }
    return "?";
}

std::string_view unsigned_type(std::uint8_t width) {
    switch (width) {
        case 1:
            return "u8";
        case 2:
            return "u16";
        case 4:
            return "u32";
        default:
            return "u64";
    }
}

std::string_view signed_type(std::uint8_t width) {
    switch (width) {
        case 1:
            return "s8";
        case 2:
            return "s16";
        default:
            return "s32";
    }
}

std::string_view atomic_name(AtomicOp op) {
    switch (op) {
        case AtomicOp::Add:
            return "add";
        case AtomicOp::Or:
            return "or";
        case AtomicOp::And:
            return "and";
        case AtomicOp::Xor:
            return "xor";
        case AtomicOp::Xchg:
            return "xchg";
        case AtomicOp::CmpXchg:
            return "cmpxchg";
    }
    return "?";
}

std::string_view atomic_alu_symbol(AtomicOp op) {
    switch (op) {
        case AtomicOp::Add:
            return "+=";
        case AtomicOp::Or:
            return "|=";
        case AtomicOp::And:
            return "&=";
        case AtomicOp::Xor:
            return "^=";
        default:
            return "?";
    }
}

char reg_prefix(bool is64) {
    return is64 ? 'r' : 'w';
}

struct Formatter {
    std::string_view symbol;

    std::string operator()(const Alu& alu) const {
        const char p = reg_prefix(alu.is64);
        if (alu.op == AluOp::Neg) {
            return fmt::format("{}{} = -{}{}", p, alu.dst, p, alu.dst);
        }
        if (alu.src.is_register) {
            std::string cast;
            if (alu.op == AluOp::MovSx) {
                cast = fmt::format("(s{})", alu.movsx_bits);
            }
            return fmt::format("{}{} {} {}{}{}", p, alu.dst, alu_symbol(alu.op), cast, p, alu.src.reg);
        }
        return fmt::format("{}{} {} {}", p, alu.dst, alu_symbol(alu.op), alu.src.imm);
    }
    std::string operator()(const Endian& e) const {
        switch (e.order) {
            case ByteOrder::Swap:
                return fmt::format("r{} = bswap{} r{}", e.dst, e.width, e.dst);
            case ByteOrder::ToBig:
                return fmt::format("r{} = be{} r{}", e.dst, e.width, e.dst);
            case ByteOrder::ToLittle:
                return fmt::format("r{} = le{} r{}", e.dst, e.width, e.dst);
        }
        return "?";
    }
    std::string operator()(const AddrSpaceCast& c) const {
        return fmt::format("r{} = addr_space_cast(r{}, {}, {})", c.dst, c.src, c.from_space, c.to_space);
    }
    std::string operator()(const Load& l) const {
        return fmt::format("r{} = *({} *)(r{} {:+d})", l.dst,
                           l.sign_extend ? signed_type(l.width) : unsigned_type(l.width), l.base, l.offset);
    }
    std::string operator()(const Store& s) const {
        if (s.value.is_register) {
            return fmt::format("*({} *)(r{} {:+d}) = r{}", unsigned_type(s.width), s.base, s.offset, s.value.reg);
        }
        return fmt::format("*({} *)(r{} {:+d}) = {}", unsigned_type(s.width), s.base, s.offset, s.value.imm);
    }
    std::string operator()(const Atomic& a) const {
        const std::string_view bits = a.width == 8 ? "64" : "";
        const std::string_view type = unsigned_type(a.width);
        if (a.op == AtomicOp::CmpXchg) {
            return fmt::format("r0 = atomic{}_cmpxchg(({} *)(r{} {:+d}), r0, r{})", bits, type, a.base, a.offset,
                               a.src);
        }
        if (a.op == AtomicOp::Xchg) {
            return fmt::format("r{} = atomic{}_xchg(({} *)(r{} {:+d}), r{})", a.src, bits, type, a.base, a.offset,
                               a.src);
        }
        if (a.fetch) {
            return fmt::format("r{} = atomic{}_fetch_{}(({} *)(r{} {:+d}), r{})", a.src, bits, atomic_name(a.op), type,
                               a.base, a.offset, a.src);
        }
        return fmt::format("lock *({} *)(r{} {:+d}) {} r{}", type, a.base, a.offset, atomic_alu_symbol(a.op), a.src);
    }
    std::string operator()(const LoadImm64& l) const {
        if (l.kind == Imm64Kind::Value || symbol.empty()) {
            return fmt::format("r{} = 0x{:x}", l.dst, l.value());
        }
        switch (l.kind) {
            case Imm64Kind::MapFd:
            case Imm64Kind::MapIdx:
                return fmt::format("r{} = map[{}]", l.dst, symbol);
            case Imm64Kind::MapValue:
            case Imm64Kind::MapIdxValue:
                return fmt::format("r{} = map[{}]{:+d}", l.dst, symbol, static_cast<std::int64_t>(l.imm_high));
            case Imm64Kind::BtfId:
                return fmt::format("r{} = ksym[{}]", l.dst, symbol);
            case Imm64Kind::Func:
                return fmt::format("r{} = func[{}]", l.dst, symbol);
            case Imm64Kind::Value:
                break;
        }
        return fmt::format("r{} = 0x{:x}", l.dst, l.value());
    }
    std::string operator()(const Imm64Tail&) const { return "(ld_imm64 second slot)"; }
    std::string operator()(const LoadPacket& p) const {
        if (p.indirect) {
            return fmt::format("r0 = *({} *)skb[r{} + {}]", unsigned_type(p.width), p.src, p.imm);
        }
        return fmt::format("r0 = *({} *)skb[{}]", unsigned_type(p.width), p.imm);
    }
    std::string operator()(const Jump& j) const {
        if (j.cond == JumpCond::Always) {
            return fmt::format("{} pc{:+d}", j.is_long ? "gotol" : "goto", j.offset);
        }
        const char p = reg_prefix(!j.is32);
        if (j.src.is_register) {
            return fmt::format("if {}{} {} {}{} goto pc{:+d}", p, j.dst, jump_symbol(j.cond), p, j.src.reg, j.offset);
        }
        return fmt::format("if {}{} {} 0x{:x} goto pc{:+d}", p, j.dst, jump_symbol(j.cond),
                           static_cast<std::uint32_t>(j.src.imm), j.offset);
    }
    std::string operator()(const MayGoto& m) const { return fmt::format("may_goto pc{:+d}", m.offset); }
    std::string operator()(const Call& c) const {
        switch (c.kind) {
            case CallKind::Local:
                return fmt::format("call pc{:+d}", c.imm);
            case CallKind::Kfunc:  // disasm.c's fallback name for an unnamed kfunc
                return fmt::format("call {}#{}", symbol.empty() ? std::string_view{"kernel-function"} : symbol, c.imm);
            case CallKind::Helper: {
                const std::string_view name = helper_name(c.imm);
                return fmt::format("call {}#{}", name.empty() ? std::string_view{"unknown"} : name, c.imm);
            }
        }
        return "?";
    }
    std::string operator()(const CallX& c) const { return fmt::format("callx r{}", c.reg); }
    std::string operator()(const Exit&) const { return "exit"; }
};

}  // namespace

std::string format_instruction(const Instruction& insn, std::string_view symbol) {
    return std::visit(Formatter{symbol}, insn);
}

std::string format_with_opcode(const Instruction& insn, std::uint8_t opcode_byte, std::string_view symbol) {
    return fmt::format("({:02x}) {}", opcode_byte, format_instruction(insn, symbol));
}

}  // namespace bpfcheck::isa
