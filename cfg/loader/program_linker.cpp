// Linking follows libbpf's bpf_object__reloc_code: a call relocated against a
// symbol targets slot sym.value/8 + imm + 1; an unrelocated pseudo call is
// pc-relative inside its own section; ld_imm64 of a function address targets
// byte (sym.value + imm). Map loads become BPF_PSEUDO_MAP_FD (imm = our map
// index), global data loads BPF_PSEUDO_MAP_VALUE (second imm = offset),
// function addresses BPF_PSEUDO_FUNC, extern calls BPF_PSEUDO_KFUNC_CALL.
#include "cfg/loader/program_linker.hpp"

#include "cfg/isa/decoder.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::loader {

namespace {

constexpr std::uint8_t kOpLdImm64 = 0x18;
constexpr std::uint8_t kOpCall = 0x85;
constexpr std::uint8_t kPseudoCall = 1;
constexpr std::uint8_t kPseudoKfuncCall = 2;

std::uint64_t key(std::uint32_t section, std::uint64_t slot) {
    return (static_cast<std::uint64_t>(section) << 40) | slot;
}

bool is_global_data_section(const std::string& name) {
    return name.starts_with(".data") || name.starts_with(".rodata") || name.starts_with(".bss");
}

}  // namespace

struct ProgramLinker::Cursor {
    std::uint32_t piece = 0;   // index into Program::functions
    std::uint32_t local = 0;   // slot inside the function
    std::uint32_t linked = 0;  // slot inside the linked program
};

ProgramLinker::ProgramLinker(const ElfImage& image, const BpfObject& object) : m_image(image), m_object(object) {
    for (const ElfReloc& reloc : image.relocs) {
        if (!reloc_fault(reloc)) {
            m_relocs[key(reloc.target_section, reloc.offset / 8)] = &reloc;
        }
    }
    for (std::uint32_t i = 0; i < image.lines.size(); ++i) {
        m_lines[key(image.lines[i].section_index, image.lines[i].offset / 8)] = i;
    }
    for (const CoreRecord& record : image.core_records) {
        m_core[key(record.section_index, record.offset / 8)] = &record;
    }
}

std::optional<std::string> ProgramLinker::reloc_fault(const ElfReloc& reloc) const {
    const ElfSection& section = m_image.sections[reloc.target_section];
    if (reloc.offset % 8 != 0 || reloc.offset >= section.size) {
        return fmt::format("relocation at offset {} is not on an instruction inside the section ({} bytes)",
                           reloc.offset, section.size);
    }
    if (reloc.symbol == kNoIndex || reloc.symbol >= m_image.symbols.size()) {
        return fmt::format("relocation at offset {} has no symbol", reloc.offset);
    }
    const std::uint8_t opcode = section.data[reloc.offset];
    if (opcode != kOpLdImm64 && opcode != kOpCall) {
        return fmt::format(
            "instruction {}: relocation against '{}' on an instruction that is neither ld_imm64 "
            "nor call (opcode 0x{:02x})",
            reloc.offset / 8, m_image.symbols[reloc.symbol].name, opcode);
    }
    return std::nullopt;
}

void ProgramLinker::check_relocations(std::vector<SectionError>& errors) const {
    for (const ElfReloc& reloc : m_image.relocs) {
        if (auto fault = reloc_fault(reloc)) {
            const std::uint64_t offset =
                reloc.offset < m_image.sections[reloc.target_section].size ? reloc.offset : kNoOffset;
            errors.push_back(SectionError{reloc.target_section, offset, std::move(*fault)});
        }
    }
}

const SectionError* ProgramLinker::fault_in(const Function& function, const std::vector<SectionError>& errors) {
    for (const SectionError& error : errors) {
        if (error.section_index != function.section_index) {
            continue;
        }
        if (error.offset == kNoOffset || error.offset == function.offset ||
            (error.offset > function.offset && error.offset < function.offset + function.slot_count * 8ULL)) {
            return &error;
        }
    }
    return nullptr;
}

const ElfReloc* ProgramLinker::reloc_at(std::uint32_t section, std::uint64_t slot) const {
    const auto found = m_relocs.find(key(section, slot));
    return found == m_relocs.end() ? nullptr : found->second;
}

std::uint32_t ProgramLinker::function_containing(std::uint32_t section, std::uint64_t slot) const {
    const auto& functions = m_object.functions;
    for (std::uint32_t i = 0; i < functions.size(); ++i) {
        const Function& f = functions[i];
        if (f.section_index == section && slot >= f.offset / 8 && slot < f.offset / 8 + f.slot_count) {
            return i;
        }
    }
    return kNoIndex;
}

std::string ProgramLinker::where(const Program& program, std::uint32_t insn) const {
    for (const LinkedFunction& piece : program.functions) {
        if (insn >= piece.start && insn < piece.start + piece.size) {
            const Function& f = m_object.functions[piece.function];
            if (piece.start == 0) {
                return fmt::format("section '{}', program '{}', instruction {}", program.section, program.name, insn);
            }
            return fmt::format(
                "section '{}', program '{}', instruction {} (subprogram '{}' in '{}', its "
                "instruction {})",
                program.section, program.name, insn, f.name, f.section, insn - piece.start);
        }
    }
    return fmt::format("section '{}', program '{}', instruction {}", program.section, program.name, insn);
}

Expected<std::uint32_t> ProgramLinker::place_target(Program& program, std::uint32_t section, std::int64_t slot,
                                                    const Cursor& at) const {
    const std::uint32_t function = slot < 0 ? kNoIndex : function_containing(section, static_cast<std::uint64_t>(slot));
    if (function == kNoIndex) {
        return Error{fmt::format(
            "{}: call or function address targets instruction {} of section '{}', which is in "
            "no function",
            where(program, at.linked), slot, section < m_image.sections.size() ? m_image.sections[section].name : "?")};
    }
    const Function& f = m_object.functions[function];
    const auto local_target = static_cast<std::uint32_t>(static_cast<std::uint64_t>(slot) - f.offset / 8);
    const auto placed = [&]() -> std::optional<std::uint32_t> {
        for (const LinkedFunction& piece : program.functions) {
            if (piece.function == function) {
                return piece.start + local_target;
            }
        }
        return std::nullopt;
    };
    if (const auto at_placed = placed()) {
        return *at_placed;
    }
    // The loaders of legacy objects (iproute2, libbpf before 0.2) append the
    // callee's whole section, every function of it: one no call reaches is
    // then unreachable code, which the kernel refuses ("unreachable insn").
    const Function& entry = m_object.functions[program.functions.front().function];
    if (loaded_by_legacy_loader(m_object) && f.section_index != entry.section_index) {
        std::vector<std::uint32_t> in_section;
        for (std::uint32_t other = 0; other < m_object.functions.size(); ++other) {
            if (m_object.functions[other].section_index == f.section_index) {
                in_section.push_back(other);
            }
        }
        std::sort(in_section.begin(), in_section.end(), [&](std::uint32_t a, std::uint32_t b) {
            return m_object.functions[a].offset < m_object.functions[b].offset;
        });
        for (const std::uint32_t other : in_section) {
            append_function(program, other);
        }
        return *placed();
    }
    append_function(program, function);
    return *placed();
}

void ProgramLinker::append_function(Program& program, std::uint32_t function) const {
    for (const LinkedFunction& piece : program.functions) {
        if (piece.function == function) {
            return;
        }
    }
    const Function& f = m_object.functions[function];
    const auto start = static_cast<std::uint32_t>(program.slots.size());
    program.functions.push_back(LinkedFunction{function, start, f.slot_count});
    const auto& data = m_image.sections[f.section_index].data;
    const auto slots = isa::read_slots(std::span(data).subspan(f.offset, f.slot_count * 8ULL));
    program.slots.insert(program.slots.end(), slots.begin(), slots.end());
    program.refs.resize(program.slots.size());
}

Expected<bool> ProgramLinker::link_call(Program& program, const Cursor& at) const {
    const LinkedFunction piece = program.functions[at.piece];
    const Function& f = m_object.functions[piece.function];
    const std::uint64_t section_slot = f.offset / 8 + at.local;
    const ElfReloc* reloc = reloc_at(f.section_index, section_slot);
    isa::RawInsn& raw = program.slots[at.linked];
    if (reloc != nullptr && m_image.symbols[reloc->symbol].section_index == 0) {
        const ElfSymbol& symbol = m_image.symbols[reloc->symbol];
        raw.src = kPseudoKfuncCall;
        program.refs[at.linked] = InsnRef{RelocKind::Kfunc, kNoIndex, 0, kNoIndex, symbol.name};
        program.refs[at.linked].weak = symbol.binding == kBindingWeak;
        return true;
    }
    if (raw.src != kPseudoCall) {
        if (reloc != nullptr) {
            return Error{fmt::format("{}: helper call carries a relocation against '{}'", where(program, at.linked),
                                     m_image.symbols[reloc->symbol].name)};
        }
        return true;
    }
    std::uint32_t section = f.section_index;
    std::int64_t target = static_cast<std::int64_t>(section_slot) + raw.imm + 1;
    std::string name;
    if (reloc != nullptr) {
        const ElfSymbol& symbol = m_image.symbols[reloc->symbol];
        section = symbol.section_index;
        target = static_cast<std::int64_t>(symbol.value / 8) + raw.imm + 1;
    }
    auto placed = place_target(program, section, target, at);
    if (!placed) {
        return placed.error();
    }
    // place_target may have grown program.slots: index again rather than reuse `raw`.
    program.slots[at.linked].imm = static_cast<std::int32_t>(static_cast<std::int64_t>(*placed) - at.linked - 1);
    const std::uint32_t callee = function_containing(section, static_cast<std::uint64_t>(target));
    program.refs[at.linked] = InsnRef{RelocKind::Call, kNoIndex, 0, *placed, m_object.functions[callee].name};
    return true;
}

Expected<bool> ProgramLinker::link_ld_imm64(Program& program, const Cursor& at) const {
    const LinkedFunction piece = program.functions[at.piece];
    const Function& f = m_object.functions[piece.function];
    const ElfReloc* reloc = reloc_at(f.section_index, f.offset / 8 + at.local);
    if (reloc == nullptr || at.linked + 1 >= program.slots.size()) {
        return true;
    }
    const ElfSymbol& symbol = m_image.symbols[reloc->symbol];
    isa::RawInsn& raw = program.slots[at.linked];
    isa::RawInsn& tail = program.slots[at.linked + 1];
    const auto find_map = [&](auto&& predicate) -> std::uint32_t {
        const auto found = std::find_if(m_object.maps.begin(), m_object.maps.end(), predicate);
        return found == m_object.maps.end() ? kNoIndex : static_cast<std::uint32_t>(found - m_object.maps.begin());
    };
    if (symbol.section_index == 0) {
        const auto kconfig = std::find_if(m_image.kconfig_externs.begin(), m_image.kconfig_externs.end(),
                                          [&](const KconfigExtern& ext) { return ext.name == symbol.name; });
        if (kconfig != m_image.kconfig_externs.end()) {
            const std::uint32_t map = find_map([](const MapDef& m) { return m.name == ".kconfig"; });
            raw.src = static_cast<std::uint8_t>(isa::Imm64Kind::MapValue);
            raw.imm = static_cast<std::int32_t>(map);
            tail.imm = static_cast<std::int32_t>(kconfig->offset);
            program.refs[at.linked] = InsnRef{RelocKind::GlobalData, map, kconfig->offset, kNoIndex, ".kconfig"};
        } else {
            raw.src = static_cast<std::uint8_t>(isa::Imm64Kind::BtfId);
            program.refs[at.linked] = InsnRef{RelocKind::Ksym, kNoIndex, 0, kNoIndex, symbol.name};
            program.refs[at.linked].weak = symbol.binding == kBindingWeak;
        }
        return true;
    }
    if (symbol.section_index >= m_image.sections.size()) {
        return Error{fmt::format("{}: relocation against '{}' in a section that does not exist",
                                 where(program, at.linked), symbol.name)};
    }
    const ElfSection& section = m_image.sections[symbol.section_index];
    if (section.executable) {
        const std::int64_t byte = static_cast<std::int64_t>(symbol.value) + raw.imm;
        if (byte % 8 != 0) {
            return Error{fmt::format("{}: function address '{}' is not instruction-aligned", where(program, at.linked),
                                     symbol.name)};
        }
        auto placed = place_target(program, section.index, byte / 8, at);
        if (!placed) {
            return placed.error();
        }
        program.slots[at.linked].src = static_cast<std::uint8_t>(isa::Imm64Kind::Func);
        program.slots[at.linked].imm = static_cast<std::int32_t>(static_cast<std::int64_t>(*placed) - at.linked - 1);
        program.slots[at.linked + 1].imm = 0;
        const std::uint32_t callee = function_containing(section.index, static_cast<std::uint64_t>(byte / 8));
        program.refs[at.linked] = InsnRef{RelocKind::FuncAddr, kNoIndex, 0, *placed, m_object.functions[callee].name};
        return true;
    }
    std::uint32_t map = kNoIndex;
    if (section.name == ".maps") {
        map = find_map([&](const MapDef& m) { return m.origin == MapOrigin::BtfMapsSection && m.name == symbol.name; });
    } else if (section.name == "maps" || section.name.starts_with("maps/")) {
        map = find_map(
            [&](const MapDef& m) { return m.origin == MapOrigin::LegacyMapsSection && m.name == symbol.name; });
    }
    if (map != kNoIndex) {
        raw.src = static_cast<std::uint8_t>(isa::Imm64Kind::MapFd);
        raw.imm = static_cast<std::int32_t>(map);
        program.refs[at.linked] = InsnRef{RelocKind::Map, map, 0, kNoIndex, m_object.maps[map].name};
        return true;
    }
    if (is_global_data_section(section.name)) {
        map = find_map([&](const MapDef& m) { return m.origin == MapOrigin::GlobalData && m.name == section.name; });
        if (map != kNoIndex) {
            const std::int64_t offset = static_cast<std::int64_t>(symbol.value) + raw.imm;
            raw.src = static_cast<std::uint8_t>(isa::Imm64Kind::MapValue);
            raw.imm = static_cast<std::int32_t>(map);
            tail.imm = static_cast<std::int32_t>(offset);
            program.refs[at.linked] = InsnRef{RelocKind::GlobalData, map, offset, kNoIndex, section.name};
            return true;
        }
    }
    return Error{
        fmt::format("{}: ld_imm64 relocated against '{}' in section '{}', which is neither a map, global "
                    "data nor code",
                    where(program, at.linked), symbol.name, section.name)};
}

void ProgramLinker::attach_lines_and_core(Program& program) const {
    program.line_of.assign(program.slots.size(), kNoIndex);
    program.line_starts.assign(program.slots.size(), false);
    for (const LinkedFunction& piece : program.functions) {
        const Function& f = m_object.functions[piece.function];
        std::uint32_t current = kNoIndex;
        for (std::uint32_t local = 0; local < piece.size; ++local) {
            const std::uint64_t k = key(f.section_index, f.offset / 8 + local);
            if (const auto found = m_lines.find(k); found != m_lines.end()) {
                current = found->second;
                program.line_starts[piece.start + local] = true;
            }
            program.line_of[piece.start + local] = current;
            if (const auto core = m_core.find(k); core != m_core.end()) {
                const CoreRecord& r = *core->second;
                program.core_relocs.push_back(CoreReloc{piece.start + local, r.type_id, r.access, r.kind, r.member,
                                                        r.root, r.field, r.root_kind, r.local});
            }
        }
    }
}

Expected<Program> ProgramLinker::link(std::uint32_t entry_function, const std::vector<SectionError>& errors) const {
    const Function& entry = m_object.functions[entry_function];
    if (const SectionError* fault = fault_in(entry, errors)) {
        return Error{fmt::format("section '{}', program '{}': {}", entry.section, entry.name, fault->message)};
    }
    Program program;
    program.name = entry.name;
    program.section = entry.section;
    program.entry_slot_count = entry.slot_count;
    program.functions.push_back(LinkedFunction{entry_function, 0, entry.slot_count});
    const auto& data = m_image.sections[entry.section_index].data;
    program.slots = isa::read_slots(std::span(data).subspan(entry.offset, entry.slot_count * 8ULL));
    program.refs.resize(program.slots.size());
    if (auto ok = link_from(program, 0); !ok) {
        return ok.error();
    }
    // bpf_prog_assign_exc_cb: the exception callback the entry names is
    // appended too, when no call appended it already.
    if (const std::uint32_t callback = exception_callback_of(entry); callback != kNoIndex) {
        const std::size_t pieces_before = program.functions.size();
        const Function& f = m_object.functions[callback];
        auto placed = place_target(program, f.section_index, static_cast<std::int64_t>(f.offset / 8), Cursor{0, 0, 0});
        if (!placed) {
            return placed.error();
        }
        program.exception_callback_insn = *placed;
        if (program.functions.size() > pieces_before) {
            if (auto ok = link_from(program, static_cast<std::uint32_t>(pieces_before)); !ok) {
                return ok.error();
            }
        }
    }
    for (const LinkedFunction& piece : program.functions) {
        const Function& function = m_object.functions[piece.function];
        if (const SectionError* fault = fault_in(function, errors)) {
            return Error{fmt::format("section '{}', program '{}': its subprogram '{}' in '{}': {}", program.section,
                                     program.name, function.name, function.section, fault->message)};
        }
    }
    auto decoded = isa::decode_program(program.slots);
    if (!decoded.failures.empty()) {
        const isa::DecodeFailure& failure = decoded.failures.front();
        return Error{fmt::format("{}: {}", where(program, static_cast<std::uint32_t>(failure.index)), failure.message)};
    }
    program.insns = std::move(decoded.insns);
    attach_lines_and_core(program);
    return program;
}

// The function libbpf appends as `entry`'s exception callback: the one
// "exception_callback:NAME" decl tag's NAME, a global subprogram (libbpf
// refuses the program otherwise: the analyzer says why).
std::uint32_t ProgramLinker::exception_callback_of(const Function& entry) const {
    if (!entry.signature || entry.signature->exception_callbacks.size() != 1) {
        return kNoIndex;
    }
    const std::string& name = entry.signature->exception_callbacks.front();
    for (std::uint32_t f = 0; f < m_object.functions.size(); ++f) {
        const Function& function = m_object.functions[f];
        if (!function.is_program && function.name == name) {
            return function.is_global ? f : kNoIndex;
        }
    }
    return kNoIndex;
}

Expected<bool> ProgramLinker::link_from(Program& program, std::uint32_t first_piece) const {
    // Like libbpf's bpf_object__reloc_code, a subprogram is linked as soon as
    // it is appended (depth first), before the rest of its caller. An explicit
    // stack keeps hostile call chains from overflowing the native one.
    struct Pending {
        std::uint32_t piece;
        std::uint32_t local;
    };
    std::vector<Pending> pending{{first_piece, 0}};
    while (!pending.empty()) {
        Pending& top = pending.back();
        const LinkedFunction current = program.functions[top.piece];
        if (top.local >= current.size) {
            pending.pop_back();
            continue;
        }
        const Cursor at{top.piece, top.local, current.start + top.local};
        const std::size_t pieces_before = program.functions.size();
        const std::uint8_t opcode = program.slots[at.linked].opcode;
        top.local += opcode == kOpLdImm64 ? 2 : 1;  // an ld_imm64's second slot belongs to it
        if (opcode == kOpCall) {
            if (auto ok = link_call(program, at); !ok) {
                return ok.error();
            }
        } else if (opcode == kOpLdImm64) {
            if (auto ok = link_ld_imm64(program, at); !ok) {
                return ok.error();
            }
        }
        // Each piece appended (a legacy object's whole section: several),
        // the first linked first.
        for (std::size_t piece = program.functions.size(); piece-- > pieces_before;) {
            pending.push_back(Pending{static_cast<std::uint32_t>(piece), 0});
        }
    }
    return true;
}

}  // namespace bpfcheck::loader
