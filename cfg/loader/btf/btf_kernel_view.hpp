// What of an object's BTF the kernel gets to see. libbpf loads .BTF into the
// kernel (BPF_BTF_LOAD) before the maps and programs; when the kernel refuses
// it, libbpf goes on without ("Error loading .BTF into kernel ... BTF is
// optional, ignoring"): then no map is created with BTF key/value types and
// no program is loaded with func info, and the verifier applies the rules
// for programs and maps without BTF (a map needs BTF for bpf_spin_lock,
// bpf_timer and kptrs; callbacks, and tail calls or LD_ABS in subprograms,
// need func info). GCC 12's objects are the common case: the kernel refuses
// their BTF. Even a BTF the kernel takes gives a program func info only when
// .BTF.ext has a record for its entry function (libbpf: "missing .BTF.ext
// function info for the main program, skipping all of .BTF.ext func info").
// Externs (kfuncs, ksyms, kconfig) need BTF declarations of extern linkage,
// or libbpf refuses to open the object.
#pragma once

#include "cfg/loader/elf_image.hpp"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

struct btf;

namespace bpfcheck::loader {

// Why the kernel refuses this BTF, or "" when it takes it. Models the rules of
// kernel/bpf/btf.c that compilers are known to break (btf_int_check_meta: an
// INT's encoding is at most one of SIGNED, CHAR, BOOL; its bits fit its size).
std::string kernel_btf_refusal(const btf& types);

// libbpf finds each extern's declaration in BTF by name, the first VAR or FUNC
// so named (find_extern_btf_id): name -> whether its linkage is extern, as
// libbpf requires (GCC 12 declares kfuncs as FUNCs of static linkage).
std::map<std::string, bool> btf_declarations(const btf& types);

// The .BTF.ext func_info records: (section name, byte offset) of every
// function that has one. Empty when .BTF.ext has none or is malformed.
std::vector<FuncInfoSite> read_func_info(std::span<const std::uint8_t> btf, std::span<const std::uint8_t> ext);

}  // namespace bpfcheck::loader
