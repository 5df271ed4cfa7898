// The instruction loop: ALU (with the pointer arithmetic the kernel allows:
// a pointer plus or minus a number, the difference of two pointers into one
// region), jumps (pointers compare by address), loads and stores through the
// machine's checked regions, atomics, ld_imm64 of maps, global data and
// functions, legacy packet loads, bpf-to-bpf calls and helpers.
#include "interp/machine.hpp"

#include <fmt/format.h>

#include <limits>

namespace bpfcheck::interp {

std::string_view outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::Exit:
            return "exit";
        case Outcome::Trap:
            return "trap";
        case Outcome::Unsupported:
            return "unsupported";
        case Outcome::Budget:
            return "budget";
    }
    return "exit";
}

namespace {

constexpr std::size_t kMaxFrames = 8;

std::uint64_t alu_number(isa::AluOp op, std::uint64_t x, std::uint64_t y, bool is64) {
    using isa::AluOp;
    if (!is64) {
        const auto a = static_cast<std::uint32_t>(x);
        const auto b = static_cast<std::uint32_t>(y);
        const auto sa = static_cast<std::int32_t>(a);
        const auto sb = static_cast<std::int32_t>(b);
        std::uint32_t r = 0;
        switch (op) {
            case AluOp::Add:
                r = a + b;
                break;
            case AluOp::Sub:
                r = a - b;
                break;
            case AluOp::Mul:
                r = a * b;
                break;
            case AluOp::Div:
                r = b == 0 ? 0 : a / b;
                break;
            case AluOp::Mod:
                r = b == 0 ? a : a % b;
                break;
            case AluOp::SDiv:
                r = b == 0 ? 0
                    : (sa == std::numeric_limits<std::int32_t>::min() && sb == -1)
                        ? a
                        : static_cast<std::uint32_t>(sa / sb);
                break;
            case AluOp::SMod:
                r = b == 0 ? a : sb == -1 ? 0 : static_cast<std::uint32_t>(sa % sb);
                break;
            case AluOp::Or:
                r = a | b;
                break;
            case AluOp::And:
                r = a & b;
                break;
            case AluOp::Xor:
                r = a ^ b;
                break;
            case AluOp::Lsh:
                r = a << (b & 31);
                break;
            case AluOp::Rsh:
                r = a >> (b & 31);
                break;
            case AluOp::Arsh:
                r = static_cast<std::uint32_t>(sa >> (b & 31));
                break;
            case AluOp::Neg:
                r = 0 - a;
                break;
            case AluOp::Mov:
                r = b;
                break;
            case AluOp::MovSx:
                break;
        }
        return r;
    }
    const auto sx = static_cast<std::int64_t>(x);
    const auto sy = static_cast<std::int64_t>(y);
    switch (op) {
        case AluOp::Add:
            return x + y;
        case AluOp::Sub:
            return x - y;
        case AluOp::Mul:
            return x * y;
        case AluOp::Div:
            return y == 0 ? 0 : x / y;
        case AluOp::Mod:
            return y == 0 ? x : x % y;
        case AluOp::SDiv:
            return y == 0                                                         ? 0
                   : (sx == std::numeric_limits<std::int64_t>::min() && sy == -1) ? x
                                                                                  : static_cast<std::uint64_t>(sx / sy);
        case AluOp::SMod:
            return y == 0 ? x : sy == -1 ? 0 : static_cast<std::uint64_t>(sx % sy);
        case AluOp::Or:
            return x | y;
        case AluOp::And:
            return x & y;
        case AluOp::Xor:
            return x ^ y;
        case AluOp::Lsh:
            return x << (y & 63);
        case AluOp::Rsh:
            return x >> (y & 63);
        case AluOp::Arsh:
            return static_cast<std::uint64_t>(sx >> (y & 63));
        case AluOp::Neg:
            return 0 - x;
        case AluOp::Mov:
            return y;
        case AluOp::MovSx:
            break;
    }
    return 0;
}

std::uint64_t sign_extend(std::uint64_t x, unsigned bits) {
    const unsigned shift = 64 - bits;
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(x << shift) >> shift);
}

class Interpreter {
public:
    Interpreter(const ProgramImage& program, std::uint64_t seed) : m(program, seed) {}

    RunResult run(const Observer& observe, const RunOptions& options) {
        RunResult result;
        std::uint32_t pc = 0;
        may_goto_budget = m.random_below(256);
        try {
            while (true) {
                if (result.steps++ >= options.max_steps) {
                    return finish(result, Outcome::Budget, pc, "step budget exhausted");
                }
                if (pc >= m.program.insns.size()) {
                    throw Trap(fmt::format("control reaches instruction {} past the end", pc));
                }
                if (observe) {
                    observe(pc, m.state);
                }
                const auto next = step(pc);
                if (!next) {
                    result.r0 = m.reg(0).v;
                    return finish(result, Outcome::Exit, pc, "");
                }
                pc = *next;
            }
        } catch (const Trap& trap) {
            return finish(result, Outcome::Trap, pc, trap.what());
        } catch (const Unsupported& unsupported) {
            return finish(result, Outcome::Unsupported, pc, unsupported.what());
        }
    }

private:
    static RunResult finish(RunResult r, Outcome outcome, std::uint32_t pc, std::string message) {
        r.outcome = outcome;
        r.pc = pc;
        r.message = std::move(message);
        return r;
    }

    [[nodiscard]] const SlotRef* ref(std::uint32_t pc) const {
        return pc < m.program.refs.size() && m.program.refs[pc].kind != RefKind::None ? &m.program.refs[pc] : nullptr;
    }

    Cval operand(const isa::Operand& src) {
        return src.is_register ? m.read(src.reg) : Cval::scalar(static_cast<std::uint64_t>(src.imm));
    }

    void alu(const isa::Alu& insn) {
        using isa::AluOp;
        if (insn.op == AluOp::Mov && insn.is64) {
            m.reg(insn.dst) = operand(insn.src);
            return;
        }
        if (insn.op == AluOp::MovSx) {
            const Cval src = operand(insn.src);
            // Of a pointer, a privileged loader gets a (meaningless) number,
            // as adjust_reg_min_max_vals marks it unknown.
            const std::uint64_t r = sign_extend(m.address(src), insn.movsx_bits);
            m.reg(insn.dst) = Cval::scalar(insn.is64 ? r : static_cast<std::uint32_t>(r));
            return;
        }
        const Cval src = insn.op == AluOp::Neg ? Cval::scalar(0) : operand(insn.src);
        const Cval dst = insn.op == AluOp::Mov ? Cval::scalar(0) : m.read(insn.dst);
        if (dst.is_scalar() && src.is_scalar()) {
            m.reg(insn.dst) = Cval::scalar(alu_number(insn.op, dst.v, src.v, insn.is64));
            return;
        }
        if (insn.op == AluOp::Mov) {
            // A partial copy of a pointer: a number (privileged loaders may leak addresses).
            m.reg(insn.dst) = Cval::scalar(static_cast<std::uint32_t>(m.address(src)));
            return;
        }
        if (!insn.is64) {
            // adjust_ptr_min_max_vals: 32-bit ALU on a pointer is refused but
            // for BPF_SUB by a privileged loader, which gets a number.
            if (insn.op != AluOp::Sub) {
                throw Trap(fmt::format("32-bit ALU operation on a pointer (r{})", insn.dst));
            }
            m.reg(insn.dst) = Cval::scalar(static_cast<std::uint32_t>(m.address(dst) - m.address(src)));
            return;
        }
        if (insn.op == AluOp::Add && dst.is_pointer() && src.is_scalar()) {
            m.reg(insn.dst) = Cval{dst.region, dst.index, dst.v + src.v};
        } else if (insn.op == AluOp::Add && dst.is_scalar() && src.is_pointer()) {
            m.reg(insn.dst) = Cval{src.region, src.index, src.v + dst.v};
        } else if (insn.op == AluOp::Sub && dst.is_pointer() && src.is_scalar()) {
            m.reg(insn.dst) = Cval{dst.region, dst.index, dst.v - src.v};
        } else if (insn.op == AluOp::Sub && dst.is_pointer() && src.is_pointer()) {
            m.reg(insn.dst) = Cval::scalar(m.address(dst) - m.address(src));
        } else if (insn.op == AluOp::Neg && dst.is_pointer()) {
            // check_alu_op: a privileged loader's negated pointer is a (meaningless) number.
            m.reg(insn.dst) = Cval::scalar(0 - m.address(dst));
        } else {
            throw Trap(fmt::format("ALU operation {} on a pointer (r{})", static_cast<int>(insn.op), insn.dst));
        }
    }

    bool condition(const isa::Jump& j) {
        if (j.cond == isa::JumpCond::Always) {
            return true;
        }
        const Cval a = m.read(j.dst);
        const Cval b = operand(j.src);
        std::uint64_t x = m.address(a);
        std::uint64_t y = m.address(b);
        // Pointers compare by address: privileged programs may compare any
        // two (the kernel refuses it only to unprivileged loaders).
        std::int64_t sx = static_cast<std::int64_t>(x);
        std::int64_t sy = static_cast<std::int64_t>(y);
        if (j.is32) {
            x &= 0xffffffffULL;
            y &= 0xffffffffULL;
            sx = static_cast<std::int32_t>(x);
            sy = static_cast<std::int32_t>(y);
        }
        using isa::JumpCond;
        switch (j.cond) {
            case JumpCond::Always:
                return true;
            case JumpCond::Eq:
                return x == y;
            case JumpCond::Ne:
                return x != y;
            case JumpCond::Gt:
                return x > y;
            case JumpCond::Ge:
                return x >= y;
            case JumpCond::Lt:
                return x < y;
            case JumpCond::Le:
                return x <= y;
            case JumpCond::Set:
                return (x & y) != 0;
            case JumpCond::SGt:
                return sx > sy;
            case JumpCond::SGe:
                return sx >= sy;
            case JumpCond::SLt:
                return sx < sy;
            case JumpCond::SLe:
                return sx <= sy;
        }
        return false;
    }

    void atomic(const isa::Atomic& a) {
        const Cval base = m.read(a.base);
        if (base.region != Region::Stack && base.region != Region::MapValue) {
            if (base.is_scalar()) {
                m.load(base, a.offset, a.width);  // traps: NULL or a number
            }
            throw Trap("atomic operation outside the stack or a map value");
        }
        const Cval src = m.read(a.src);
        if (!src.is_scalar()) {
            throw Trap("atomic operation with a pointer operand");
        }
        const Cval old = m.load(base, a.offset, a.width);
        if (!old.is_scalar()) {
            throw Trap("atomic operation on a spilled pointer");
        }
        const bool is64 = a.width == 8;
        std::uint64_t updated = old.v;
        using isa::AtomicOp;
        switch (a.op) {
            case AtomicOp::Add:
                updated = alu_number(isa::AluOp::Add, old.v, src.v, is64);
                break;
            case AtomicOp::Or:
                updated = alu_number(isa::AluOp::Or, old.v, src.v, is64);
                break;
            case AtomicOp::And:
                updated = alu_number(isa::AluOp::And, old.v, src.v, is64);
                break;
            case AtomicOp::Xor:
                updated = alu_number(isa::AluOp::Xor, old.v, src.v, is64);
                break;
            case AtomicOp::Xchg:
                updated = src.v;
                break;
            case AtomicOp::CmpXchg: {
                const Cval r0 = m.read(0);
                if (!r0.is_scalar()) {
                    throw Trap("cmpxchg compares with a pointer");
                }
                const std::uint64_t mask = is64 ? ~0ULL : 0xffffffffULL;
                updated = (old.v & mask) == (r0.v & mask) ? src.v : old.v;
                break;
            }
        }
        m.store(base, a.offset, a.width, Cval::scalar(updated));
        if (a.op == AtomicOp::CmpXchg) {
            m.reg(0) = old;
        } else if (a.fetch || a.op == AtomicOp::Xchg) {
            m.reg(a.src) = old;
        }
    }

    void load_imm64(std::uint32_t pc, const isa::LoadImm64& l) {
        const SlotRef* r = ref(pc);
        switch (l.kind) {
            case isa::Imm64Kind::Value:
                m.reg(l.dst) = Cval::scalar(l.value());
                return;
            case isa::Imm64Kind::MapFd:
            case isa::Imm64Kind::MapIdx:
                if (r == nullptr || r->kind != RefKind::Map) {
                    throw Unsupported("ld_imm64 of a map the loader did not resolve");
                }
                m.reg(l.dst) = Cval::pointer(Region::MapPtr, r->map, 0);
                return;
            case isa::Imm64Kind::MapValue:
            case isa::Imm64Kind::MapIdxValue:
                if (r == nullptr || r->kind != RefKind::MapValue) {
                    throw Unsupported("ld_imm64 of global data the loader did not resolve");
                }
                m.reg(l.dst) = Cval::pointer(Region::MapValue, r->map, r->offset);
                return;
            case isa::Imm64Kind::Func:
                if (r == nullptr || r->kind != RefKind::Func) {
                    throw Unsupported("ld_imm64 of a function the loader did not resolve");
                }
                m.reg(l.dst) = Cval::pointer(Region::Func, r->target, 0);
                return;
            case isa::Imm64Kind::BtfId:
                throw Unsupported("ld_imm64 of a kernel symbol");
        }
    }

    // Legacy ld_abs/ld_ind: big-endian packet bytes; out of bounds ends the program with 0.
    bool load_packet(const isa::LoadPacket& l) {
        if (m.read(6).region != Region::Ctx) {
            throw Trap("legacy packet load without the context in r6");
        }
        std::int64_t off = l.imm;
        if (l.indirect) {
            const Cval src = m.read(l.src);
            if (!src.is_scalar()) {
                throw Trap("legacy packet load with a pointer offset");
            }
            off += static_cast<std::int32_t>(src.v);
        }
        for (int r = 1; r <= 5; ++r) {
            m.reg(r) = Cval::uninit();
        }
        const auto size = static_cast<std::int64_t>(m.packet.size());
        if (!m.ctx.packet && m.packet.empty()) {
            m.reg(0) = Cval::scalar(0);
            return false;
        }
        if (off < 0 || off + l.width > size) {
            m.reg(0) = Cval::scalar(0);
            return false;
        }
        std::uint64_t v = 0;
        for (int i = 0; i < l.width; ++i) {
            v = (v << 8) | m.packet[static_cast<std::size_t>(off + i)];
        }
        m.reg(0) = Cval::scalar(v);
        return true;
    }

    // Executes one instruction; the next pc, or nullopt when the program ends.
    std::optional<std::uint32_t> step(std::uint32_t pc) {
        const isa::Instruction& insn = m.program.insns[pc];
        const std::uint32_t next = pc + 1;
        if (const auto* a = std::get_if<isa::Alu>(&insn)) {
            alu(*a);
        } else if (const auto* e = std::get_if<isa::Endian>(&insn)) {
            const Cval v = m.read(e->dst);
            // check_alu_op: a privileged loader's byte-swapped pointer is a (meaningless) number.
            std::uint64_t x = v.is_scalar() ? v.v : m.address(v);
            const bool swap = e->order != isa::ByteOrder::ToLittle;
            switch (e->width) {
                case 16:
                    x = swap ? __builtin_bswap16(static_cast<std::uint16_t>(x)) : (x & 0xffff);
                    break;
                case 32:
                    x = swap ? __builtin_bswap32(static_cast<std::uint32_t>(x)) : (x & 0xffffffffULL);
                    break;
                default:
                    x = swap ? __builtin_bswap64(x) : x;
                    break;
            }
            m.reg(e->dst) = Cval::scalar(x);
        } else if (std::holds_alternative<isa::AddrSpaceCast>(insn)) {
            throw Unsupported("addr_space_cast (arena pointers)");
        } else if (const auto* l = std::get_if<isa::Load>(&insn)) {
            const Cval base = m.read(l->base);
            Cval v = m.load(base, l->offset, l->width);
            if (l->sign_extend && v.is_scalar()) {
                v.v = sign_extend(v.v, l->width * 8U);
            }
            if (v.is_pointer() && l->width != 8 && base.region != Region::Ctx) {
                v = Cval::scalar(m.address(v) & ((1ULL << (l->width * 8)) - 1));
            }
            m.reg(l->dst) = v;
        } else if (const auto* s = std::get_if<isa::Store>(&insn)) {
            const Cval base = m.read(s->base);
            const Cval value = operand(s->value);
            m.store(base, s->offset, s->width, value);
        } else if (const auto* at = std::get_if<isa::Atomic>(&insn)) {
            atomic(*at);
        } else if (const auto* li = std::get_if<isa::LoadImm64>(&insn)) {
            load_imm64(pc, *li);
            return pc + 2;
        } else if (std::holds_alternative<isa::Imm64Tail>(insn)) {
            throw Trap("execution of the second slot of an ld_imm64");
        } else if (const auto* lp = std::get_if<isa::LoadPacket>(&insn)) {
            if (!load_packet(*lp)) {
                return std::nullopt;
            }
        } else if (const auto* j = std::get_if<isa::Jump>(&insn)) {
            if (condition(*j)) {
                return static_cast<std::uint32_t>(isa::jump_target(insn, pc));
            }
        } else if (std::holds_alternative<isa::MayGoto>(insn)) {
            if (may_goto_budget == 0) {
                return static_cast<std::uint32_t>(isa::jump_target(insn, pc));
            }
            --may_goto_budget;
        } else if (const auto* c = std::get_if<isa::Call>(&insn)) {
            return call(pc, *c);
        } else if (std::holds_alternative<isa::CallX>(insn)) {
            throw Unsupported("callx");
        } else if (std::holds_alternative<isa::Exit>(insn)) {
            return exit();
        }
        return next;
    }

    std::optional<std::uint32_t> call(std::uint32_t pc, const isa::Call& c) {
        if (c.kind == isa::CallKind::Kfunc) {
            throw Unsupported("kfunc call");
        }
        if (c.kind == isa::CallKind::Helper) {
            call_helper(m, c.imm);
            return pc + 1;
        }
        if (m.state.frames.size() >= kMaxFrames) {
            throw Trap("more than 8 nested calls");
        }
        const SlotRef* r = ref(pc);
        const auto target =
            r != nullptr && r->kind == RefKind::Call ? r->target : static_cast<std::uint32_t>(pc + 1 + c.imm);
        ConcreteFrame callee;
        for (auto& b : callee.stack.bytes) {
            b = static_cast<std::uint8_t>(m.rng());
        }
        for (int i = 1; i <= 5; ++i) {
            callee.regs[static_cast<std::size_t>(i)] = m.reg(i);
        }
        callee.regs[10] = Cval::pointer(Region::Stack, static_cast<std::uint32_t>(m.state.frames.size()), kStackBytes);
        callee.return_pc = pc + 1;
        callee.entry_pc = target;
        m.state.frames.push_back(callee);
        return target;
    }

    std::optional<std::uint32_t> exit() {
        // A subprogram may return without setting r0 (a void function): only
        // the caller's read of it would be wrong. Privileged programs may
        // return a pointer (an address) as their action.
        const Cval r0 = m.state.frames.size() == 1 ? m.read(0) : m.reg(0);
        if (m.state.frames.size() == 1) {
            return std::nullopt;
        }
        const std::uint32_t back = m.frame().return_pc;
        const auto depth = static_cast<std::uint32_t>(m.state.frames.size() - 1);
        if (r0.region == Region::Stack && r0.index >= depth) {
            throw Trap("a function returns a pointer to its own stack");
        }
        m.state.frames.pop_back();
        m.reg(0) = r0;
        for (int r = 1; r <= 5; ++r) {
            m.reg(r) = Cval::uninit();
        }
        return back;
    }

    Machine m;
    std::uint64_t may_goto_budget = 0;
};

}  // namespace

RunResult run(const ProgramImage& program, std::uint64_t seed, const Observer& observe, const RunOptions& options) {
    if (!supports_program(program)) {
        RunResult r;
        r.outcome = Outcome::Unsupported;
        r.message = "program type " + program.type + " is not modelled";
        return r;
    }
    Interpreter interpreter(program, seed);
    return interpreter.run(observe, options);
}

}  // namespace bpfcheck::interp
