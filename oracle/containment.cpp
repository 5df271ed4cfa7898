// Membership of concrete values in abstract ones; see containment.hpp.
#include "oracle/containment.hpp"

#include "domains/scalar_ops.hpp"

#include <fmt/format.h>

namespace bpfcheck::oracle {

using domains::Kind;
using interp::Cval;
using interp::Region;

namespace {

Kind kind_of(Region region) {
    switch (region) {
        case Region::Ctx:
            return Kind::Ctx;
        case Region::Stack:
            return Kind::Stack;
        case Region::Packet:
            return Kind::Packet;
        case Region::PacketMeta:
            return Kind::PacketMeta;
        case Region::PacketEnd:
            return Kind::PacketEnd;
        case Region::MapPtr:
            return Kind::MapPtr;
        case Region::MapValue:
            return Kind::MapValue;
        case Region::Func:
            return Kind::Func;
        case Region::Scalar:
            return Kind::Scalar;
        case Region::Uninit:
            break;
    }
    return Kind::Uninit;
}

bool fail(std::string* why, std::string text) {
    if (why != nullptr) {
        *why = std::move(text);
    }
    return false;
}

// Regions the abstract value names by index: stacks (frame), maps, functions.
bool region_matches(const domains::Value& abstract, const Cval& concrete, const FrameMap& frames) {
    switch (concrete.region) {
        case Region::Stack:
            return concrete.index >= frames.concrete_first &&
                   abstract.region() == concrete.index - frames.concrete_first + frames.abstract_first;
        case Region::Func:
            return abstract.region() == concrete.index;
        case Region::MapPtr:
        case Region::MapValue:
            if (abstract.region() == domains::kManyMaps) {
                return concrete.index < 64 && (abstract.region_set() >> concrete.index & 1U) != 0;
            }
            return abstract.region() == concrete.index;
        default:
            return true;
    }
}

}  // namespace

std::string describe(const Cval& value) {
    switch (value.region) {
        case Region::Uninit:
            return "uninit";
        case Region::Scalar:
            return fmt::format("{:#x}", value.v);
        default:
            return fmt::format("{}[{}]{:+d}", domains::kind_name(kind_of(value.region)), value.index, value.offset());
    }
}

bool value_contains(const domains::Value& abstract, const Cval& concrete, std::int64_t packet_length, std::string* why,
                    const FrameMap& frames) {
    const Kind kind = abstract.kind();
    if (kind == Kind::Uninit) {
        return true;
    }
    if (concrete.is_uninit()) {
        return fail(why, fmt::format("uninitialised, but the analysis has {}", abstract.to_string()));
    }
    if (kind == Kind::Any) {
        return true;
    }
    const auto mismatch = [&] {
        return fail(why, fmt::format("{} not in {}", describe(concrete), abstract.to_string()));
    };
    if (concrete.is_scalar()) {
        if (kind == Kind::Scalar) {
            return abstract.number().contains(concrete.v) || mismatch();
        }
        return (concrete.v == 0 && domains::is_nullable(kind)) || mismatch();
    }
    if (kind == Kind::Mem || kind == Kind::MemOrNull) {
        // Sized memory: a global function's memory argument (in a caller's
        // frame, a map value, the packet), whatever the caller passed. Its
        // size is not compared (the interpreter's own bounds checks are).
        const bool memory = concrete.region != Region::MapPtr && concrete.region != Region::Func &&
                            concrete.region != Region::PacketEnd;
        return memory || mismatch();
    }
    const Kind concrete_kind = kind_of(concrete.region);
    const bool kind_ok =
        kind == concrete_kind || (domains::is_nullable(kind) && domains::nullable_kind(concrete_kind) == kind);
    if (!kind_ok || !region_matches(abstract, concrete, frames) || !abstract.number().contains(concrete.v)) {
        return mismatch();
    }
    if (concrete.region == Region::Packet || concrete.region == Region::PacketMeta) {
        // The range is proven from the pointer's variable base (pointer - fixed offset).
        const std::int64_t base = concrete.offset() - abstract.fixed_offset();
        if (abstract.range() > 0 && base + abstract.range() > packet_length) {
            return fail(why, fmt::format("{} claims {} bytes from offset {}, but the packet has {}",
                                         abstract.to_string(), abstract.range(), base, packet_length));
        }
    }
    return true;
}

bool stack_contains(const domains::Stack& abstract, const interp::ConcreteStack& concrete, std::int64_t packet_length,
                    std::string* why, const FrameMap& frames) {
    for (int slot = 0; slot < interp::kStackBytes / 8; ++slot) {
        const int first = slot * 8;
        int data_from = first;  // the slot's bytes not covered by a spill
        if (abstract.byte(first) == domains::StackByte::Spill) {
            const domains::Value* spilled = abstract.spill(slot);
            const int width = abstract.spill_width(slot);
            if (spilled != nullptr && width < 8 && spilled->is_scalar()) {
                // A narrow spill: its bytes hold the register's low `width` bytes.
                bool written = true;
                std::uint64_t bits = 0;
                for (int i = first + width - 1; i >= first; --i) {
                    written = written && concrete.written[static_cast<std::size_t>(i)];
                    bits = (bits << 8) | concrete.bytes[static_cast<std::size_t>(i)];
                }
                const domains::Value low = domains::Value::scalar(
                    domains::scalar_truncate(spilled->number(), 8U * static_cast<unsigned>(width)));
                std::string inner;
                if (!value_contains(low, written ? Cval::scalar(bits) : Cval::uninit(), packet_length, &inner,
                                    frames)) {
                    return fail(why, fmt::format("stack slot fp{} ({}-byte spill): {}", first - interp::kStackBytes,
                                                 width, inner));
                }
                data_from = first + width;
            } else if (spilled != nullptr) {
                Cval value = Cval::uninit();
                if (const auto& pointer = concrete.spills[static_cast<std::size_t>(slot)]) {
                    value = *pointer;
                } else {
                    bool written = true;
                    std::uint64_t bits = 0;
                    for (int i = first + 7; i >= first; --i) {
                        written = written && concrete.written[static_cast<std::size_t>(i)];
                        bits = (bits << 8) | concrete.bytes[static_cast<std::size_t>(i)];
                    }
                    value = written ? Cval::scalar(bits) : Cval::uninit();
                }
                std::string inner;
                if (!value_contains(*spilled, value, packet_length, &inner, frames)) {
                    return fail(why, fmt::format("stack slot fp{}: {}", first - interp::kStackBytes, inner));
                }
                continue;
            }
        }
        for (int i = data_from; i < first + 8; ++i) {
            const auto at = static_cast<std::size_t>(i);
            switch (abstract.byte(i)) {
                case domains::StackByte::Invalid:
                    break;
                case domains::StackByte::Known:
                    if (!concrete.written[at] || concrete.bytes[at] != abstract.known_byte(i)) {
                        return fail(
                            why, fmt::format("stack byte fp{} is {}, the analysis says {:#x}", i - interp::kStackBytes,
                                             concrete.written[at] ? fmt::format("{:#x}", concrete.bytes[at])
                                                                  : std::string("unwritten"),
                                             abstract.known_byte(i)));
                    }
                    break;
                case domains::StackByte::Misc:
                case domains::StackByte::Spill:
                    if (!concrete.written[at]) {
                        return fail(why, fmt::format("stack byte fp{} was never written, the analysis says it was",
                                                     i - interp::kStackBytes));
                    }
                    break;
            }
        }
    }
    return true;
}

bool state_contains(const domains::MachineState& abstract, const interp::ConcreteState& concrete, std::string* why,
                    const FrameMap& frames) {
    if (abstract.is_bottom()) {
        return fail(why, "the analysis says this point is unreachable here");
    }
    const std::size_t compared = concrete.frames.size() - frames.concrete_first;
    if (abstract.frame_count() != compared + frames.abstract_first) {
        return fail(why, fmt::format("{} frames, the analysis has {}", compared + frames.abstract_first,
                                     abstract.frame_count()));
    }
    for (std::size_t i = 0; i < compared; ++i) {
        const domains::Frame& frame = abstract.frame(frames.abstract_first + i);
        const interp::ConcreteFrame& cframe = concrete.frames[frames.concrete_first + i];
        for (std::size_t r = 0; r < frame.regs.size(); ++r) {
            std::string inner;
            if (!value_contains(frame.regs[r], cframe.regs[r], concrete.packet_length, &inner, frames)) {
                return fail(why, fmt::format("frame {} r{}: {}", frames.concrete_first + i, r, inner));
            }
        }
        std::string inner;
        if (!stack_contains(frame.stack, cframe.stack, concrete.packet_length, &inner, frames)) {
            return fail(why, fmt::format("frame {} {}", frames.concrete_first + i, inner));
        }
    }
    return true;
}

}  // namespace bpfcheck::oracle
