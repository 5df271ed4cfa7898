// Program types as loaders name them: an ordered table of rules, each a row
// (pattern, program type, expected attach type, origin). The first match
// wins: libbpf 1.x's conventions first, then the prefix rules of libbpf
// before 1.0 and of the kernel's samples/bpf loader, then iproute2's and
// bcc's. Types are spelled as libbpf_bpf_prog_type_str spells them ("xdp"),
// attach types as libbpf_bpf_attach_type_str does ("cgroup_inet_egress").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bpfcheck::loader {

struct ProgramTypeMatch {
    std::string type;
    std::string attach_type;  // empty: the kernel takes none (expected_attach_type 0)
    std::string origin;       // which convention, e.g. "libbpf <1.0 prefix \"xdp\""
    // libbpf's SEC_SLEEPABLE: the ".s" sections and "syscall" are loaded
    // with BPF_F_SLEEPABLE (the kernel's prog->sleepable).
    bool sleepable = false;
};

// What names the type of the program `function` in `section`: nullopt when
// no rule does (the user must say it with --type). `legacy_tc_object` marks
// objects for iproute2's tc (program.hpp's BpfObject::legacy_tc_maps), whose
// sections no other rule names tc loads as classifiers.
std::optional<ProgramTypeMatch> program_type_for(std::string_view section, std::string_view function,
                                                 bool legacy_tc_object = false);

// Whether `type` is a program type name we know (for --type).
bool is_known_program_type(std::string_view type);

// The program type `name` stands for, for --type and a config's types: a
// type as `list` prints it ("sched_cls"), or a section name a loader
// convention types ("tc", "classifier", "xdp", "kprobe/f"), as users write
// it; `name` itself when it is neither (is_known_program_type refuses it).
std::string program_type_named(std::string_view name);
// The expected attach type a section name given that way carries
// ("cgroup/connect4": cgroup_inet4_connect); empty for a type name or a
// section whose rule names none.
std::string attach_type_named(std::string_view name);

}  // namespace bpfcheck::loader
