// The attach-target rules the kernel checks before walking a program (see
// attach_target_rules.hpp): an lsm program may not attach to a disabled hook;
// a struct_ops program needs a GPL-compatible license.
#include "analyzer/checks/program/attach_target_rules.hpp"

#include "analyzer/platform/license.hpp"
#include "analyzer/platform/lsm_hooks.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

void check_attach_target(const AnalysisContext& context, Reporter& reporter) {
    // check_struct_ops_btf_id: whatever the struct_ops type.
    if (context.type.name == "struct_ops" && !license_is_gpl_compatible(context.object.license)) {
        reporter.error("type.attach_target", 0,
                       fmt::format("struct ops programs must have a GPL compatible license (the object's is \"{}\")",
                                   context.object.license),
                       {}, "declare a GPL-compatible license: char LICENSE[] SEC(\"license\") = \"GPL\";");
    }
    if (context.attach == nullptr || context.type.name != "lsm") {
        return;
    }
    const std::string& hook = context.attach->function;
    if (lsm_hook_disabled(hook)) {
        reporter.error("type.attach_target", 0,
                       fmt::format("{} points to disabled hook {}: BPF LSM programs may not attach to it",
                                   context.attach->section, hook),
                       {}, "attach to another LSM hook; the kernel keeps this one from BPF programs");
    }
}

}  // namespace bpfcheck::analyzer
