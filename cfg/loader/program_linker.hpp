// Links one program the way libbpf does before loading it: the entry
// function first, then every subprogram it reaches (by bpf-to-bpf call or by
// taking its address), appended depth first as libbpf does, with
// call offsets patched and relocations applied to ld_imm64 and kfunc calls.
// An object of legacy loaders (a `maps` section) gets what they appended:
// the whole section of a called subprogram.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/loader/elf_image.hpp"
#include "cfg/program/program.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace bpfcheck::loader {

class ProgramLinker {
public:
    ProgramLinker(const ElfImage& image, const BpfObject& object);

    // Relocations outside their section or on instructions that cannot
    // carry one, as faults of the code they patch.
    void check_relocations(std::vector<SectionError>& errors) const;

    // The program whose entry is `entry_function`, with its subprograms; an
    // error when one of its functions has a fault in `errors`.
    Expected<Program> link(std::uint32_t entry_function, const std::vector<SectionError>& errors) const;

private:
    struct Cursor;  // where in the linked program an instruction sits

    [[nodiscard]] std::optional<std::string> reloc_fault(const ElfReloc& reloc) const;
    static const SectionError* fault_in(const Function& function, const std::vector<SectionError>& errors);
    [[nodiscard]] const ElfReloc* reloc_at(std::uint32_t section, std::uint64_t slot) const;
    [[nodiscard]] std::uint32_t function_containing(std::uint32_t section, std::uint64_t slot) const;
    Expected<std::uint32_t> place_target(Program& program, std::uint32_t section, std::int64_t slot,
                                         const Cursor& at) const;
    // Appends `function` (an index into BpfObject::functions) once.
    void append_function(Program& program, std::uint32_t function) const;
    // Links the calls and addresses of the pieces from `first_piece` on,
    // appending the subprograms they reach.
    Expected<bool> link_from(Program& program, std::uint32_t first_piece) const;
    [[nodiscard]] std::uint32_t exception_callback_of(const Function& entry) const;
    Expected<bool> link_call(Program& program, const Cursor& at) const;
    Expected<bool> link_ld_imm64(Program& program, const Cursor& at) const;
    void attach_lines_and_core(Program& program) const;
    [[nodiscard]] std::string where(const Program& program, std::uint32_t insn) const;

    const ElfImage& m_image;
    const BpfObject& m_object;
    std::unordered_map<std::uint64_t, const ElfReloc*> m_relocs;  // (section << 40 | slot)
    std::unordered_map<std::uint64_t, std::uint32_t> m_lines;     // (section << 40 | slot) -> line index
    std::unordered_map<std::uint64_t, const CoreRecord*> m_core;
};

}  // namespace bpfcheck::loader
