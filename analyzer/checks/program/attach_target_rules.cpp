// The attach-target rules the kernel checks before walking a program (see
// attach_target_rules.hpp): an lsm program may not attach to a disabled hook,
// nor a sleepable one to a hook where the task may not sleep;
// a struct_ops program needs a GPL-compatible license and a callback the
// kernel lets BPF implement.
#include "analyzer/checks/program/attach_target_rules.hpp"

#include "analyzer/platform/license.hpp"
#include "analyzer/platform/lsm_hooks.hpp"
#include "analyzer/platform/struct_ops.hpp"

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
    const model::Program& program = context.program;
    if (context.type.name == "struct_ops" &&
        struct_ops_member_unsupported(program.struct_ops_type, program.struct_ops_member)) {
        reporter.error("type.attach_target", 0,
                       fmt::format("attach to unsupported member {} of struct {}: the kernel does not let BPF "
                                   "implement this callback",
                                   program.struct_ops_member, program.struct_ops_type),
                       {},
                       fmt::format("leave {} out of the struct {} the object defines", program.struct_ops_member,
                                   program.struct_ops_type));
    }
    if (context.type.name == "lsm" && program.sleepable) {
        // bpf_check_attach_target: a sleepable lsm program attaches only to
        // a hook of sleepable_lsm_hooks ("%s is not sleepable", EINVAL).
        if (const std::string hook = attach_function(context); !hook.empty() && !lsm_hook_sleepable(hook)) {
            reporter.error("type.attach_target", 0,
                           fmt::format("{} is not sleepable: a sleepable LSM program (section {}) may attach only to "
                                       "a hook where the task may sleep",
                                       hook, program.section),
                           {}, "use SEC(\"lsm/...\") (not lsm.s) for this hook, or a sleepable hook");
        }
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
