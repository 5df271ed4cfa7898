// The program model: what the loader extracts from a BPF ELF object and the
// analyzer consumes: programs (each linked with the subprograms it calls, as
// libbpf links them), maps and global data, relocations, externs, CO-RE
// records and source lines. Plain data, free of LLVM and libbpf types, and
// the boundary between the two: the analyzer includes this, never the loader.
#pragma once

#include "cfg/isa/instruction.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bpfcheck::model {

inline constexpr std::uint32_t kNoIndex = 0xffffffffU;

struct SourceLine {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string text;  // the source line itself, from BTF line info
};

enum class MapOrigin : std::uint8_t { LegacyMapsSection, BtfMapsSection, GlobalData };

// One initialised slot of a program array (a program, by name) or of a
// map-in-map (a map, by index into BpfObject::maps).
struct MapSlot {
    std::uint32_t index = 0;
    std::string program;           // program arrays
    std::uint32_t map = kNoIndex;  // map-in-map
};

// A kernel pointer field in a map value (`__kptr`, `__kptr_untrusted`,
// `__percpu_kptr`: a pointer whose pointee carries that BTF type tag), as the
// kernel's btf_parse_fields finds it: an 8-byte slot at `offset`.
enum class KptrKind : std::uint8_t { Referenced, Untrusted, Percpu };
struct KptrField {
    std::uint32_t offset = 0;
    KptrKind kind = KptrKind::Referenced;
    std::string pointee;  // the pointee struct's name, as the kernel looks it up in its BTF
};

// A field of a map value that the kernel finds by its BTF type name and
// guards (map->record, btf_parse_fields): programs reach it only through
// helpers and kfuncs, and some program types may not use maps holding one.
enum class SpecialField : std::uint8_t { SpinLock, Timer, Workqueue, ListHead, RbRoot };
struct MapField {
    SpecialField kind = SpecialField::SpinLock;
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    // ListHead, RbRoot: the root's `__contains(type, node)` declaration
    // (btf_find_graph_root: a "contains:TYPE:NODE" decl tag): the struct the
    // collection holds and the offset of its node member; node_offset -1
    // when not declared or not resolved.
    std::string contains{};
    std::int64_t node_offset = -1;
    bool operator==(const MapField&) const = default;
};

struct MapDef {
    std::string name;
    std::string section;
    MapOrigin origin = MapOrigin::BtfMapsSection;
    std::uint32_t type = 0;  // enum bpf_map_type
    std::uint32_t key_size = 0;
    std::uint32_t value_size = 0;
    std::uint32_t max_entries = 0;
    std::uint32_t map_flags = 0;
    std::uint32_t inner_map = kNoIndex;  // index into BpfObject::maps, for map-in-map
    std::uint32_t key_type_id = 0;       // BTF ids, 0 when unknown
    std::uint32_t value_type_id = 0;
    std::vector<KptrField> kptr_fields;       // sorted by offset
    std::vector<std::uint8_t> initial_value;  // global data: section contents (empty for .bss)
    bool read_only = false;                   // .rodata / .kconfig
    // The kernel creates the map with BTF key/value types (libbpf passes them
    // and the kernel takes the object's BTF): bpf_spin_lock, bpf_timer and
    // kptrs in its value need it.
    bool has_btf = true;
    // Program arrays and map-in-map declared with `__array(values, ...)`:
    // the slots the object initialises (`.rel.maps`), as libbpf fills them.
    std::vector<MapSlot> slots;
    bool values_are_programs = false;  // `__array(values, int ())`: a program array's slot type
    // The value's special fields, from its BTF type (empty without one).
    std::vector<MapField> special_fields;
};

// A parameter of a function as its BTF prototype declares it: a number
// (int, enum, or any type of at most 8 bytes passed by value), a pointer to a
// type of known size (its name kept so the analyzer can tell a program
// context, e.g. `struct __sk_buff *`, from plain memory), or anything else.
enum class ParamKind : std::uint8_t { Scalar, Pointer, Unsupported };

struct FunctionParam {
    ParamKind kind = ParamKind::Unsupported;
    std::uint32_t pointee_size = 0;  // Pointer: bytes the pointee spans (0: void or unsized)
    std::string pointee;             // Pointer: the pointee's type name ("__sk_buff", "int", ...)
    // Argument tags (BTF decl tags "arg:ctx", "arg:nonnull", ... that
    // __arg_ctx / __arg_nonnull write on a global function's parameter).
    bool tag_ctx = false;
    bool tag_nonnull = false;
    bool tag_trusted = false;   // "arg:trusted": a trusted kernel object (PTR_TO_BTF_ID | PTR_TRUSTED)
    bool tag_nullable = false;  // "arg:nullable": with arg:trusted, may also be NULL
    bool tag_arena = false;     // "arg:arena": a pointer into the program's arena
};

// A function's BTF prototype (BTF_KIND_FUNC + FUNC_PROTO).
struct FunctionSignature {
    bool global_linkage = false;  // BTF_FUNC_GLOBAL: the kernel verifies the function on its own
    std::vector<FunctionParam> params;
    bool returns_scalar = true;  // an integer or enum (void and pointers are not)
    std::string return_type;
    // The prototype's shape as libbpf's bpf_core_types_are_compat compares
    // it (loader::core_shape), for kfunc externs.
    std::string core_shape;
    // The functions named by the "exception_callback:NAME" decl tags on this
    // function (__exception_cb(NAME) on a program: the function that runs
    // when it throws, bpf_find_exception_callback_insn_off).
    std::vector<std::string> exception_callbacks;
};

// A function symbol inside an executable section.
struct Function {
    std::string name;
    std::string section;
    std::uint32_t section_index = 0;  // ELF section index
    std::uint64_t offset = 0;         // byte offset inside the section
    std::uint32_t slot_count = 0;     // 8-byte slots
    bool is_global = false;
    bool is_program = false;                     // loadable on its own (not in .text)
    std::optional<FunctionSignature> signature;  // from BTF, when the object has it
};

enum class RelocKind : std::uint8_t {
    None,
    Map,         // ld_imm64 of a map (BPF_PSEUDO_MAP_FD)
    GlobalData,  // ld_imm64 of an address in .data/.rodata/.bss/.kconfig (BPF_PSEUDO_MAP_VALUE)
    Call,        // bpf-to-bpf call; target_insn is filled in once linked
    FuncAddr,    // ld_imm64 of a subprogram address (BPF_PSEUDO_FUNC)
    Ksym,        // ld_imm64 of an extern kernel variable (BPF_PSEUDO_BTF_ID)
    Kfunc,       // call of an extern kernel function
};

// What one instruction of a linked program refers to.
struct InsnRef {
    RelocKind kind = RelocKind::None;
    std::uint32_t map_index = kNoIndex;    // Map, GlobalData
    std::int64_t offset = 0;               // GlobalData: byte offset inside the value
    std::uint32_t target_insn = kNoIndex;  // Call, FuncAddr: index in the linked program
    std::string symbol;                    // name for printing (map, function, extern)
    // Ksym, Kfunc: a `__weak` extern (STB_WEAK), which libbpf sets to 0 (a call:
    // leaves unresolved) when the kernel lacks it (bpf_ksym_exists).
    bool weak = false;
};

// What the member a field relocation (BPF_CORE_FIELD_BYTE_OFFSET) ends at
// is in the object's own BTF. libbpf relocates it only to a compatible
// member of the running kernel's type (bpf_core_fields_are_compat: an
// integer to an integer, an enum to an enum, a float to a float, a pointer
// to any pointer), so the kernel's member is a number where this one is.
enum class CoreMember : std::uint8_t {
    Unknown,  // not a field offset relocation, or not resolved
    Scalar,   // an integer, enum or float
    Pointer,  // a pointer (to what, the kernel's type says)
    Other,    // a struct, union or array
};

// The program's own type a local type-id relocation names.
struct LocalType {
    std::uint32_t size = 0;
    // A struct whose members are all numbers, arrays of numbers or such
    // structs, three levels deep at most (__btf_type_is_scalar_struct).
    bool scalar_struct = false;
    // A struct holding a bpf_spin_lock, list or rbtree root or node, or a
    // bpf_refcount, nested or not (the kernel then has a struct meta for it).
    bool graph_fields = false;
};

// The kinds of CO-RE relocation bpfcheck reads (enum bpf_core_relo_kind).
namespace core_relo {
inline constexpr std::uint32_t kFieldByteOffset = 0;  // BPF_CORE_FIELD_BYTE_OFFSET
inline constexpr std::uint32_t kTypeIdLocal = 6;      // BPF_CORE_TYPE_ID_LOCAL
inline constexpr std::uint32_t kTypeIdTarget = 7;     // BPF_CORE_TYPE_ID_TARGET
inline constexpr std::uint32_t kTypeSize = 9;         // BPF_CORE_TYPE_SIZE
}  // namespace core_relo

// One CO-RE relocation record from .BTF.ext, kept for later analysis.
struct CoreReloc {
    std::uint32_t insn = 0;  // index in the linked program
    std::uint32_t type_id = 0;
    std::string access;      // access string, e.g. "0:1:2"
    std::uint32_t kind = 0;  // enum bpf_core_relo_kind
    CoreMember member = CoreMember::Unknown;
    // Field offset relocations: the root struct's name in the object's BTF
    // (with any "___flavour" suffix) and the name of the member the access
    // ends at (empty when an array element, or not resolved).
    std::string root{};
    std::string field{};
    // The root type's BTF kind (BTF_KIND_STRUCT, BTF_KIND_TYPEDEF, ...), as
    // the object declares it, typedefs not skipped; 0 for void or unknown.
    // libbpf relocates a type-id relocation only to a kernel type of the same kind.
    std::uint8_t root_kind = 0;
    // Local type-id relocations (bpf_core_type_id_local: bpf_obj_new's type):
    // the type as the kernel's allocation kfuncs read it from the program's BTF.
    LocalType local{};
};

// A piece of a linked program: one function's slots placed at `start`.
struct LinkedFunction {
    std::uint32_t function = 0;  // index into BpfObject::functions
    std::uint32_t start = 0;
    std::uint32_t size = 0;
};

struct Program {
    std::string name;
    std::string section;
    std::string type;         // program type, spelled as libbpf_bpf_prog_type_str does;
                              // empty when no loader convention names it (--type must)
    std::string attach_type;  // expected attach type (libbpf_bpf_attach_type_str), may be empty
    std::string type_origin;  // which convention named the type, for notes
    // Loaded with BPF_F_SLEEPABLE (libbpf's ".s" sections and "syscall"):
    // the kernel's prog->sleepable, which sleepable helpers and kfuncs need.
    bool sleepable = false;
    // struct_ops programs: the struct_ops type and the member of it that a
    // `.struct_ops` variable points at this program, as libbpf finds them
    // ({"tcp_congestion_ops", "init"}); empty when no variable does.
    std::string struct_ops_type;
    std::string struct_ops_member;
    // Why this program cannot be analysed (a damaged symbol, relocation or
    // instruction of its own); empty when it was linked. The object's other
    // programs are still checked.
    std::string load_error;
    std::uint32_t entry_slot_count = 0;     // slots of the entry function alone
    std::vector<LinkedFunction> functions;  // entry first, then appended subprograms
    std::vector<isa::RawInsn> slots;        // linked: entry + subprograms
    std::vector<isa::Instruction> insns;    // decoded, one per slot
    std::vector<InsnRef> refs;              // one per slot
    std::vector<std::uint32_t> line_of;     // one per slot: index into BpfObject::lines or kNoIndex
    std::vector<bool> line_starts;          // one per slot: a line-info record begins here
    std::vector<CoreReloc> core_relocs;
    // libbpf loads the program with BTF func info (.BTF.ext has a record for
    // its entry function and the kernel takes the BTF). Without it the kernel
    // treats every function as static and refuses callbacks, and tail calls
    // or LD_ABS in subprograms.
    bool has_func_info = true;
    // Where the exception callback the entry names (__exception_cb) starts,
    // appended as libbpf appends it; kNoIndex without one.
    std::uint32_t exception_callback_insn = kNoIndex;
};

struct Extern {
    std::string name;
    bool is_function = false;  // kfunc, else ksym / kconfig variable
    std::string section;       // ".ksyms", ".kconfig" or empty
    std::string core_shape;    // a function's prototype shape (FunctionSignature::core_shape), when BTF has it
    // A variable the BTF's .ksyms section gives a type (a typed ksym: the
    // kernel looks its address up, check_pseudo_btf_id).
    bool typed_variable = false;
};

// How libbpf fills a `.kconfig` extern, by its BTF type (find_kcfg_type):
// `bool`; `enum libbpf_tristate`; a 1-byte integer (char, u8); a 2-, 4- or
// 8-byte integer; an array of 1-byte integers (a string). Unknown: libbpf
// refuses to fill it.
enum class KconfigKind : std::uint8_t { Unknown, Bool, Tristate, Char, Int, CharArray };

struct KconfigExtern {
    std::string name;
    KconfigKind kind = KconfigKind::Unknown;
    std::uint32_t size = 0;  // bytes
    bool is_signed = false;
    bool weak = false;         // `__weak`: libbpf fills 0 when nothing names it
    std::uint32_t offset = 0;  // in the `.kconfig` map (8-aligned, one after another)
    // Where the next extern starts: this one's bytes (at least one), 8-aligned.
    [[nodiscard]] std::uint32_t end() const { return offset + ((size == 0 ? 1 : size) + 7) / 8 * 8; }
};

struct BpfObject {
    std::string path;
    std::vector<Program> programs;
    std::vector<Function> functions;
    std::vector<MapDef> maps;
    std::vector<Extern> externs;
    // `.kconfig` externs in map order, each at its offset in the `.kconfig` map.
    std::vector<KconfigExtern> kconfig_externs;
    std::vector<SourceLine> lines;
    std::string license;
    std::optional<std::uint32_t> kernel_version;
    bool has_btf = false;
    std::string btf_refusal;  // why the kernel refuses the object's BTF ("" if it takes it or there is none)
    bool has_function_symbols = true;
    // An object for iproute2's tc: legacy maps of its `struct bpf_elf_map`,
    // or legacy maps of another size beside a section in its tail-call form
    // "ID/KEY" (Cilium's 28-byte bpf_elf_map). tc loads a section no other
    // loader names as a classifier.
    bool legacy_tc_maps = false;
    // What the loader accepted but a user should know (an old toolchain's
    // e_machine 0, programs inferred from `.text`).
    std::vector<std::string> notes;
};

// The type-id relocation that made `id` a constant (clang writes the local
// type id into the instruction libbpf then relocates): a local one, or with
// `target_too` a target one too; null when no relocation names `id`.
inline const CoreReloc* type_id_reloc(const Program& program, std::uint64_t id, bool target_too) {
    for (const CoreReloc& reloc : program.core_relocs) {
        const bool kind =
            reloc.kind == core_relo::kTypeIdLocal || (target_too && reloc.kind == core_relo::kTypeIdTarget);
        if (kind && reloc.type_id == id) {
            return &reloc;
        }
    }
    return nullptr;
}

// Whether the object declares maps in a legacy `maps` section: libbpf 1.x
// refuses it, and the loaders that take it (iproute2, samples/bpf's
// bpf_load) give the kernel none of its BTF (apply_kernel_btf_view).
inline bool loaded_by_legacy_loader(const BpfObject& object) {
    return std::any_of(object.maps.begin(), object.maps.end(),
                       [](const MapDef& map) { return map.origin == MapOrigin::LegacyMapsSection; });
}

}  // namespace bpfcheck::model
