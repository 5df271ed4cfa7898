// Stack byte model. Joins are byte-wise: equal states stay (Known bytes
// only when their values agree), other data bytes make Misc, anything with
// Invalid is Invalid (may be uninitialised), and two spills join their
// values; a spill against data bytes becomes Misc.
#include "domains/stack.hpp"

#include "domains/block_pool.hpp"
#include "domains/scalar_ops.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace bpfcheck::domains {
namespace {

// The slots holding any of the bytes [offset, offset + width) (bit s: slot s).
std::uint64_t slots_covering(int offset, int width) {
    const int first = std::max(offset / 8, 0);
    const int last = std::min((offset + width - 1) / 8, kStackSlots - 1);
    if (width <= 0 || first > last) {
        return 0;
    }
    const auto count = static_cast<unsigned>(last - first + 1);
    return (count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1) << static_cast<unsigned>(first);
}

StackByte join_byte(StackByte a, StackByte b, bool same_value) {
    if (a == b && (a != StackByte::Known || same_value)) {
        return a;
    }
    if (a == StackByte::Invalid || b == StackByte::Invalid) {
        return StackByte::Invalid;
    }
    return StackByte::Misc;
}

// A slot's 8 byte kinds and 8 known values, each read as one word: equal
// words, equal slots.
struct SlotWords {
    std::uint64_t bytes = 0;
    std::uint64_t known = 0;
    bool operator==(const SlotWords&) const = default;
};
template <typename Data>
SlotWords slot_words(const Data& data, std::size_t first) {
    SlotWords words;
    std::memcpy(&words.bytes, &data.bytes[first], 8);
    std::memcpy(&words.known, &data.known[first], 8);
    return words;
}

// Whether the join leaves the 8 bytes from `first` as they are: both sides
// hold the same bytes and known values there (join_byte(a, a) is a, and
// known values are 0 wherever a byte is not Known, so none is cleared), no
// pointer spilled there is lost, and no spill is lost (the slot keeps its
// spill, or holds no Spill byte). The join's byte loop skips such slots.
template <typename Data>
bool slot_unchanged_by_join(const Data& mine, const Data& theirs, std::size_t first, std::uint64_t spilled_slots,
                            std::uint64_t lost_pointers) {
    const SlotWords mine_words = slot_words(mine, first);
    const std::size_t slot = first / 8;
    if (!(mine_words == slot_words(theirs, first)) || (lost_pointers >> slot & 1U) != 0) {
        return false;
    }
    if ((spilled_slots >> slot & 1U) != 0) {
        return true;
    }
    // No byte equal to Spill: no zero byte in bytes ^ (Spill in every byte).
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    const std::uint64_t x = mine_words.bytes ^ (kOnes * static_cast<std::uint64_t>(StackByte::Spill));
    return ((x - kOnes) & ~x & (kOnes << 7)) == 0;
}

// The number of bits set (std::popcount is a library call on the baseline
// x86-64 this builds for; this is a few instructions).
std::size_t bit_count(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
}

}  // namespace

Stack Stack::uninitialised() {
    // Every fresh frame starts from this one block (all bytes Invalid).
    static const std::shared_ptr<Data> kEmpty = [] {
        auto data = std::make_shared<Data>();
        data->bytes.fill(StackByte::Invalid);
        // Known from the start: the block is shared by every analysis
        // thread, and only read (written_slots never fills it in).
        data->written = 0;
        data->touched = 0;
        data->written_known = true;
        return data;
    }();
    return Stack(kEmpty);
}

Stack::Data& Stack::mutate() {
    if (m_data.use_count() > 1) {
        m_data = std::allocate_shared<Data>(PoolAllocator<Data>(), *m_data);
    }
    m_data->written_known = false;
    return *m_data;
}

void Stack::know_written(const Data& data) {
    if (data.written_known) {
        return;
    }
    std::uint64_t objects = 0;
    for (const Spill& spill : data.spills) {
        if (spill.value.marks_stack_object()) {
            objects |= std::uint64_t{1} << spill.slot;
        }
    }
    static_assert(static_cast<int>(StackByte::Invalid) == 0 && sizeof(StackByte) == 1);
    std::uint64_t written = data.spilled;
    for (std::size_t slot = 0; slot < kStackSlots; ++slot) {
        std::uint64_t bytes = 0;  // a slot's eight bytes at once: all Invalid is 0
        std::memcpy(&bytes, &data.bytes[slot * 8], sizeof(bytes));
        written |= static_cast<std::uint64_t>(bytes != 0) << slot;
    }
    data.touched = written;
    data.written = written & ~objects;
    data.written_known = true;
}

std::uint64_t Stack::written_slots(std::uint64_t slots) const {
    know_written(*m_data);
    return m_data->written & slots;
}

std::uint64_t Stack::forget_slots(std::uint64_t slots) {
    const std::uint64_t written = written_slots(slots);
    if (written == 0) {
        return 0;
    }
    Data& data = mutate();
    for (std::uint64_t rest = written; rest != 0; rest &= rest - 1) {
        const auto slot = static_cast<std::size_t>(std::countr_zero(rest));
        std::fill_n(data.bytes.begin() + static_cast<std::ptrdiff_t>(slot * 8), 8, StackByte::Invalid);
        std::fill_n(data.known.begin() + static_cast<std::ptrdiff_t>(slot * 8), 8, std::uint8_t{0});
    }
    if ((data.spilled & written) != 0) {
        std::erase_if(data.spills, [&](const Spill& spill) { return (written >> spill.slot & 1U) != 0; });
        data.spilled &= ~written;
    }
    return written;
}

const Value* Stack::spill(int slot) const {
    // Spills are sorted by slot and `spilled` marks their slots: the index
    // of a slot's spill is the number of spilled slots below it (a state is
    // asked for its spills at every load, and the partitioning asks for loop
    // counter slots).
    if (slot < 0 || slot >= kStackSlots || (m_data->spilled >> static_cast<unsigned>(slot) & 1U) == 0) {
        return nullptr;
    }
    const std::uint64_t below = (1ULL << static_cast<unsigned>(slot)) - 1;
    return &m_data->spills[bit_count(m_data->spilled & below)].value;
}

void Stack::set_spill(int slot, const Value& value) {
    auto& spills = mutate().spills;
    const auto at = std::lower_bound(spills.begin(), spills.end(), slot,
                                     [](const Spill& spill, int wanted) { return spill.slot < wanted; });
    if (at != spills.end() && at->slot == slot) {
        at->value = value;
    } else {
        spills.insert(at, Spill{static_cast<std::uint8_t>(slot), value});
        m_data->spilled |= 1ULL << static_cast<unsigned>(slot);
    }
}

void Stack::drop_spill_covering(int offset, int width) {
    // `spilled` has a bit per spill: no search of the spills when none of the slots has one.
    const std::uint64_t slots = slots_covering(offset, width);
    if ((m_data->spilled & slots) == 0) {
        return;
    }
    const auto covered = [&](const Spill& spill) { return (slots >> spill.slot & 1U) != 0; };
    Data& data = mutate();
    for (const Spill& spill : data.spills) {
        if (!covered(spill)) {
            continue;
        }
        // The rest of the slot keeps data but no longer a whole register.
        for (int i = spill.slot * 8; i < spill.slot * 8 + 8; ++i) {
            if (data.bytes[static_cast<std::size_t>(i)] == StackByte::Spill) {
                data.bytes[static_cast<std::size_t>(i)] = StackByte::Misc;
                data.known[static_cast<std::size_t>(i)] = 0;
            }
        }
    }
    std::erase_if(data.spills, covered);
    data.spilled &= ~slots;
}

void Stack::store(int offset, int width, const Value& value, ScalarSpills scalars) {
    drop_spill_covering(offset, width);
    const bool keeps_scalar = scalars == ScalarSpills::AnyWidth || (scalars == ScalarSpills::Whole && width == 8);
    const bool keeps_value =
        offset % 8 == 0 && value.kind() != Kind::Uninit && (value.is_scalar() ? keeps_scalar : width == 8);
    if (keeps_value) {
        // save_register_state: the whole register, its first `width` bytes
        // spilled; the rest of the slot keeps what it held (Known and
        // Invalid bytes stay, the kernel's STACK_ZERO/STACK_INVALID), the
        // remains of an earlier spill become data (drop_spill_covering).
        set_spill(offset / 8, value);
        Data& data = mutate();
        for (int i = offset; i < offset + width; ++i) {
            data.bytes[static_cast<std::size_t>(i)] = StackByte::Spill;
            data.known[static_cast<std::size_t>(i)] = 0;
        }
        return;
    }
    // Any other store of a register holding zero (register_is_null: all
    // 64 bits) or of the immediate 0 makes its bytes zeros (STACK_ZERO); of
    // anything else, data (STACK_MISC): the kernel keeps no other constant
    // in stack bytes (a 4-byte store of 20 at r10-4 reads back unknown).
    const auto constant = value.is_scalar() ? value.number().as_constant() : std::nullopt;
    const bool zero = constant && *constant == 0;
    Data& data = mutate();
    for (int i = offset; i < offset + width; ++i) {
        const auto at = static_cast<std::size_t>(i);
        data.bytes[at] = zero ? StackByte::Known : StackByte::Misc;
        data.known[at] = 0;
    }
}

void Stack::store_unknown(int offset, int width) {
    drop_spill_covering(offset, width);
    const int end = std::min(offset + width, kStackSize);
    bool unchanged = true;
    for (int i = offset; i < end && unchanged; ++i) {
        unchanged = m_data->bytes[static_cast<std::size_t>(i)] == StackByte::Misc &&
                    m_data->known[static_cast<std::size_t>(i)] == 0;
    }
    if (unchanged) {
        return;  // unknown data over unknown data: the block may stay shared
    }
    Data& data = mutate();
    for (int i = offset; i < offset + width && i < kStackSize; ++i) {
        data.bytes[static_cast<std::size_t>(i)] = StackByte::Misc;
        data.known[static_cast<std::size_t>(i)] = 0;
    }
}

int Stack::spill_width(int slot) const {
    if (spill(slot) == nullptr) {
        return 0;
    }
    int width = 0;
    while (width < 8 &&
           m_data->bytes[static_cast<std::size_t>(slot) * 8 + static_cast<std::size_t>(width)] == StackByte::Spill) {
        ++width;
    }
    return width;
}

std::optional<Value> Stack::load(int offset, int width) const {
    if (offset % 8 == 0) {
        if (const Value* spilled = spill(offset / 8); spilled != nullptr && width <= spill_width(offset / 8)) {
            if (width == 8) {
                return *spilled;
            }
            // check_stack_read_fixed_off: a narrow fill at the slot's start
            // copies the spilled scalar, truncated (coerce_reg_to_size); it
            // keeps the id only while the value fits the fill.
            if (spilled->is_scalar()) {
                Value filled = Value::scalar(scalar_truncate(spilled->number(), 8U * static_cast<unsigned>(width)));
                if (spilled->number().umax < (1ULL << (8U * static_cast<unsigned>(width)))) {
                    filled.set_id(spilled->id());
                    filled.take_facts(*spilled);
                }
                return filled;
            }
        }
    }
    bool all_known = true;
    bool all_spill = true;
    std::uint64_t known = 0;
    for (int i = offset + width - 1; i >= offset; --i) {
        const StackByte b = m_data->bytes[static_cast<std::size_t>(i)];
        if (b == StackByte::Invalid) {
            return std::nullopt;
        }
        all_known = all_known && b == StackByte::Known;
        all_spill = all_spill && b == StackByte::Spill;
        known = (known << 8) | m_data->known[static_cast<std::size_t>(i)];
    }
    if (all_known) {
        return Value::constant(known);
    }
    // check_stack_read_fixed_off: bytes of one spill only (spill_cnt ==
    // size), at any offset in it, of a spilled constant 0 read 0.
    if (all_spill && offset / 8 == (offset + width - 1) / 8) {
        if (const Value* spilled = spill(offset / 8);
            spilled && spilled->is_scalar() && spilled->number().as_constant() == 0U) {
            return Value::constant(0);
        }
    }
    // Part of a spilled scalar that is still exact when read at the slot start.
    if (offset % 8 == 0) {
        if (const Value* spilled = spill(offset / 8); spilled && spilled->is_scalar() && spill_width(offset / 8) == 8) {
            if (const auto c = spilled->number().as_constant(); c && width < 8) {
                return Value::constant(*c & ((1ULL << (width * 8)) - 1));
            }
        }
    }
    if (width == 8) {
        return Value::unknown_scalar();
    }
    return Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
}

bool Stack::initialised(int offset, int width) const {
    for (int i = offset; i < offset + width; ++i) {
        if (m_data->bytes[static_cast<std::size_t>(i)] == StackByte::Invalid) {
            return false;
        }
    }
    return true;
}

int Stack::depth() const {
    // The deepest slot with a byte written (remembered with written_slots),
    // then its first written byte: byte i is at depth kStackSize - i.
    know_written(*m_data);
    if (m_data->touched == 0) {
        return 0;
    }
    const int slot = std::countr_zero(m_data->touched);
    for (int j = slot * 8; j < slot * 8 + 8; ++j) {
        if (m_data->bytes[static_cast<std::size_t>(j)] != StackByte::Invalid) {
            return kStackSize - j;
        }
    }
    return kStackSize - slot * 8;  // a spill's slot
}

namespace {
// The spill slot that decided the last failed comparison (see may_leq).
thread_local int t_deciding_spill = 0;
}  // namespace

bool Stack::may_leq(const Stack& other) const {
    if (m_data == other.m_data) {
        return true;
    }
    // Every spill of `other` needs one here (leq's walk of the spills),
    // which the slot masks tell at once.
    if ((other.m_data->spilled & ~m_data->spilled) != 0) {
        return false;
    }
    // The spill that decided the last comparison first (as MachineState::leq
    // does with registers): leq is a conjunction, the order changes only its cost.
    if (const Value* their_spill = other.spill(t_deciding_spill)) {
        if (!spill(t_deciding_spill)->leq(*their_spill)) {
            return false;
        }
    }
    return true;
}

bool Stack::leq(const Stack& other) const {
    if (m_data == other.m_data) {
        return true;
    }
    if (!may_leq(other)) {
        return false;
    }
    const Data& mine = *m_data;
    const Data& theirs = *other.m_data;
    // Most stacks compared differ in a few spills, not in their bytes.
    // (memcmp: std::array's == compares an enum array element by element.)
    const bool same_bytes = std::memcmp(mine.bytes.data(), theirs.bytes.data(), kStackSize) == 0 &&
                            std::memcmp(mine.known.data(), theirs.known.data(), kStackSize) == 0;
    for (std::size_t first = 0; first < kStackSize && !same_bytes; first += 8) {
        // Byte by byte only in the slots whose kinds or values differ.
        if (slot_words(mine, first) == slot_words(theirs, first)) {
            continue;
        }
        for (std::size_t i = first; i < first + 8; ++i) {
            const StackByte a = mine.bytes[i];
            const StackByte b = theirs.bytes[i];
            if (a == StackByte::Known && b == StackByte::Known && mine.known[i] != theirs.known[i]) {
                return false;
            }
            if (a != b && b != StackByte::Invalid && !(b == StackByte::Misc && a == StackByte::Known) &&
                !(b == StackByte::Misc && a == StackByte::Spill)) {
                return false;
            }
        }
    }
    // Both sorted by slot, walked together: every spill of `other` needs a
    // smaller spill here, and a spilled pointer here that `other` does not
    // have is not "some data" there.
    auto pointer_as_data = [&](const Spill& a) {
        return !a.value.is_scalar() && theirs.bytes[static_cast<std::size_t>(a.slot) * 8] != StackByte::Invalid;
    };
    auto a = mine.spills.begin();
    for (const Spill& b : theirs.spills) {
        for (; a != mine.spills.end() && a->slot < b.slot; ++a) {
            if (pointer_as_data(*a)) {
                return false;
            }
        }
        if (a == mine.spills.end() || a->slot != b.slot) {
            return false;
        }
        if (!a->value.leq(b.value)) {
            t_deciding_spill = b.slot;
            return false;
        }
        ++a;
    }
    return std::none_of(a, mine.spills.end(), pointer_as_data);
}

void Stack::join_with(const Stack& other, std::uint32_t site, std::uint32_t slot_base) {
    JoinNames names(site);
    join_with(other, names, slot_base);
}

void Stack::join_with(const Stack& other, JoinNames& names, std::uint32_t slot_base) {
    if (m_data == other.m_data) {
        return;  // joining a stack with itself changes nothing
    }
    Data& data = mutate();
    const Data& theirs = *other.m_data;
    // Slots holding a spilled pointer on either side, before the join.
    std::uint64_t pointer_slots = 0;
    const std::vector<Spill>& mine_before = data.spills;
    for (const std::vector<Spill>* side : {&theirs.spills, &mine_before}) {
        for (const Spill& spill : *side) {
            if (!spill.value.is_scalar()) {
                pointer_slots |= 1ULL << spill.slot;
            }
        }
    }
    // Only slots spilled on both sides stay spilled (joined in place: the
    // kept spills keep their order).
    std::size_t kept = 0;
    auto b = theirs.spills.begin();
    for (std::size_t i = 0; i < data.spills.size(); ++i) {
        Spill& a = data.spills[i];
        while (b != theirs.spills.end() && b->slot < a.slot) {
            ++b;
        }
        if (b == theirs.spills.end() || b->slot != a.slot) {
            continue;
        }
        a.value.join_with(b->value, names, slot_base + a.slot);
        if (a.value.kind() != Kind::Uninit) {
            if (kept != i) {
                data.spills[kept] = a;
            }
            ++kept;
        }
    }
    data.spills.erase(data.spills.begin() + static_cast<std::ptrdiff_t>(kept), data.spills.end());
    std::uint64_t spilled_slots = 0;
    for (const Spill& spill : data.spills) {
        spilled_slots |= 1ULL << spill.slot;
    }
    data.spilled = spilled_slots;
    // A pointer spilled on one side only: its slot is not "some data" (a
    // read would turn the pointer into a number, a leak the unprivileged
    // kernel refuses), so it becomes unknown, as unwritten bytes are.
    const std::uint64_t lost_pointers = pointer_slots & ~spilled_slots;
    for (std::size_t first = 0; first < kStackSize; first += 8) {
        if (slot_unchanged_by_join(data, theirs, first, spilled_slots, lost_pointers)) {
            continue;
        }
        const std::size_t slot = first / 8;
        const bool lost_pointer = (lost_pointers >> slot & 1U) != 0;
        const bool keeps_spill = (spilled_slots >> slot & 1U) != 0;
        for (std::size_t i = first; i < first + 8; ++i) {
            const StackByte byte = join_byte(data.bytes[i], theirs.bytes[i], data.known[i] == theirs.known[i]);
            const bool lost_spill = byte == StackByte::Spill && !keeps_spill;
            const StackByte joined = lost_pointer ? StackByte::Invalid : lost_spill ? StackByte::Misc : byte;
            data.bytes[i] = joined;
            data.known[i] = joined == StackByte::Known ? data.known[i] : 0;
        }
    }
}

void Stack::widen_with(const Stack& other, std::span<const std::int64_t> thresholds, std::uint32_t site,
                       std::uint32_t slot_base) {
    if (m_data == other.m_data) {
        return;
    }
    Stack joined = *this;
    joined.join_with(other, site, slot_base);
    Data& result = joined.mutate();
    for (Spill& spill : result.spills) {
        if (const Value* mine = this->spill(spill.slot)) {
            Value widened = *mine;
            widened.widen_with(spill.value, thresholds, site == kNoId ? kNoId : join_id(site, slot_base + spill.slot));
            spill.value = widened;
        }
    }
    *this = joined;
}

std::size_t Stack::spill_kind_difference(const Stack& other) const {
    if (m_data == other.m_data) {
        return 0;
    }
    // Both spill lists are sorted by slot: one merge walk.
    const auto& mine = m_data->spills;
    const auto& theirs = other.m_data->spills;
    std::size_t differ = 0;
    auto a = mine.begin();
    auto b = theirs.begin();
    while (a != mine.end() || b != theirs.end()) {
        if (b == theirs.end() || (a != mine.end() && a->slot < b->slot)) {
            ++differ;
            ++a;
        } else if (a == mine.end() || b->slot < a->slot) {
            ++differ;
            ++b;
        } else {
            differ += a->value.kind() != b->value.kind() ||
                              (region_shapes(a->value) && a->value.region() != b->value.region())
                          ? 1
                          : 0;
            ++a;
            ++b;
        }
    }
    return differ;
}

std::size_t Stack::written_difference(const Stack& other) const {
    if (m_data == other.m_data) {
        return 0;
    }
    static_assert(static_cast<std::uint8_t>(StackByte::Invalid) == 0);
    // A slot's eight bytes at once: the high bit of each byte of
    // never_written() is set where that byte is Invalid (zero).
    const auto never_written = [](const std::array<StackByte, kStackSize>& bytes, std::size_t slot) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + slot * 8, sizeof word);
        constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
        return ~(((word & kLow7) + kLow7) | word | kLow7);
    };
    std::size_t differ = 0;
    for (std::size_t slot = 0; slot < kStackSlots; ++slot) {
        // Slots whose eight bytes are alike (most) cannot differ in which are written.
        if (std::memcmp(m_data->bytes.data() + slot * 8, other.m_data->bytes.data() + slot * 8, 8) != 0) {
            differ += never_written(m_data->bytes, slot) != never_written(other.m_data->bytes, slot) ? 1 : 0;
        }
    }
    return differ;
}

void Stack::forget_ids_differing_from(const Stack& other) {
    if (m_data == other.m_data) {
        return;
    }
    for (std::size_t i = 0; i < m_data->spills.size(); ++i) {
        const Value* theirs = other.spill(m_data->spills[i].slot);
        Value forgotten = m_data->spills[i].value;
        forgotten.forget_names_differing_from(theirs);
        if (!(forgotten == m_data->spills[i].value)) {
            mutate().spills[i].value = forgotten;
        }
    }
}

}  // namespace bpfcheck::domains
