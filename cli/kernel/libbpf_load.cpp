// The running kernel's verdict through libbpf, one program per load; see
// kernel_loader.hpp. The approach is tests/tools/kernel_verdict.c's (open the
// object afresh per program, autoload only that one, a failed load with a
// verifier log is a rejection, a load that fails only in filling program-array
// slots is an acceptance), with the log level raised to BPF_LOG_STATS so
// the verifier's own statistics come back with every verdict.
#include "cli/kernel/load_support.hpp"

#include <bpf/bpf.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace bpfcheck::cli {

using kernel_load::classify;
using kernel_load::clear_messages;
using kernel_load::DroppedCapabilities;
using kernel_load::install_print_callback;
using kernel_load::kLogLevelStats;
using kernel_load::kLogSize;
using kernel_load::libbpf_messages;
using kernel_load::libbpf_section_type;
using kernel_load::load_raw;
using kernel_load::log_buffer;
using kernel_load::log_level;
using kernel_load::parse_type;
using kernel_load::shorten;
using kernel_load::type_name;
using kernel_load::TypeChoice;

namespace {

KernelResult load_with_libbpf(const std::string& path, const std::string& name, const TypeChoice& type,
                              bool unprivileged) {
    KernelResult result;
    result.loader = "libbpf";
    clear_messages();
    bpf_object* object = bpf_object__open_file(path.c_str(), nullptr);
    if (object == nullptr) {
        const int error = errno;
        result.verdict = KernelVerdict::LoadError;
        result.error_number = error;
        result.error = shorten(fmt::format("libbpf cannot open the object: {} ({})", libbpf_reason(libbpf_messages()),
                                           std::strerror(error)));
        return result;
    }
    // Nothing pinned: a map libbpf would pin by name (LIBBPF_PIN_BY_NAME) stays unpinned,
    // and no map pinned by someone else is reused.
    bpf_map* map = nullptr;
    bpf_object__for_each_map(map, object) {
        bpf_map__set_pin_path(map, nullptr);
    }
    bpf_program* target = nullptr;
    bpf_program* program = nullptr;
    bpf_object__for_each_program(program, object) {
        const bool is_target = name == bpf_program__name(program);
        bpf_program__set_autoload(program, is_target);
        if (is_target) {
            target = program;
        }
    }
    if (target == nullptr) {
        bpf_object__close(object);
        result.verdict = KernelVerdict::LoadError;
        result.error_number = ENOENT;
        result.error = fmt::format("libbpf finds no program named '{}' in the object", name);
        return result;
    }
    if (type.set) {
        bpf_program__set_type(target, type.type);
        if (type.has_attach_type) {
            bpf_program__set_expected_attach_type(target, type.attach_type);
        }
    }
    char* log = log_buffer();
    log[0] = '\0';
    bpf_program__set_log_level(target, log_level());
    bpf_program__set_log_buf(target, log, kLogSize);
    result.section = bpf_program__section_name(target);
    result.type = type_name(bpf_program__type(target));

    int status = 0;
    int error = 0;
    {
        const DroppedCapabilities dropped(unprivileged);
        if (dropped.error() != 0) {
            bpf_object__close(object);
            result.verdict = KernelVerdict::LoadError;
            result.error_number = dropped.error();
            result.error = fmt::format("cannot drop CAP_SYS_ADMIN and CAP_PERFMON: {}", std::strerror(dropped.error()));
            return result;
        }
        status = bpf_object__load(object);
        error = status == 0 ? 0 : (errno != 0 ? errno : -status);
    }
    // libbpf fills program-array slots (`.values = {[1] = &prog}`) only once
    // every program it loads is loaded: a slot naming a program left out of
    // this load fails then, after the verifier accepted the target.
    const bool accepted_before_slots =
        status != 0 && libbpf_messages().find("failed to initialize slot") != std::string::npos;
    classify(result, accepted_before_slots ? 0 : status, error, "");
    if (status == 0) {
        bpf_prog_info info{};
        std::uint32_t length = sizeof info;
        if (bpf_obj_get_info_by_fd(bpf_program__fd(target), &info, &length) == 0 &&
            length > offsetof(bpf_prog_info, verified_insns)) {
            result.verified_insns = info.verified_insns;
        }
    }
    bpf_object__close(object);
    return result;
}

// The type a legacy loader gives a program whose section libbpf 1.x does
// not type (`xdp_fwd`, `socket1`: samples/bpf's loader, iproute2, libbpf
// before 1.0 took such prefixes): the one bpfcheck's conventions named, so
// that the kernel judges the program bpfcheck analysed, not an untyped one
// it refuses at once. An empty choice leaves libbpf's own.
TypeChoice legacy_choice(const model::Program& program) {
    TypeChoice chosen;
    if (program.type.empty() || libbpf_section_type(program).set || !parse_type(program.type, chosen)) {
        return {};
    }
    for (int t = 0; t < 256 && !program.attach_type.empty(); ++t) {
        const char* spelled = libbpf_bpf_attach_type_str(static_cast<bpf_attach_type>(t));
        if (spelled != nullptr && program.attach_type == spelled) {
            chosen.has_attach_type = true;
            chosen.attach_type = static_cast<bpf_attach_type>(t);
            break;
        }
    }
    return chosen;
}

}  // namespace

std::string_view kernel_verdict_name(KernelVerdict verdict) {
    switch (verdict) {
        case KernelVerdict::Accept:
            return "accept";
        case KernelVerdict::Reject:
            return "reject";
        case KernelVerdict::LoadError:
            return "load_error";
        case KernelVerdict::NotAvailable:
            return "n/a";
    }
    return "n/a";
}

std::vector<KernelResult> load_in_kernel(const model::BpfObject& object,
                                         const std::vector<const model::Program*>& programs,
                                         const KernelLoadOptions& options) {
    install_print_callback();
    TypeChoice type;
    if (!options.type.empty()) {
        parse_type(options.type, type);
    }
    // Open once to see whether libbpf takes the object and which programs it finds.
    clear_messages();
    std::string raw_reason;
    std::vector<std::string> libbpf_names;
    if (bpf_object* probe = bpf_object__open_file(object.path.c_str(), nullptr); probe == nullptr) {
        const int error = errno;
        raw_reason = fmt::format("libbpf cannot open the object ({}): {}", std::strerror(error),
                                 libbpf_reason(libbpf_messages()));
    } else {
        bpf_program* program = nullptr;
        bpf_object__for_each_program(program, probe) {
            libbpf_names.emplace_back(bpf_program__name(program));
        }
        bpf_object__close(probe);
        if (libbpf_names.empty()) {
            raw_reason = "libbpf finds no program (no function symbols)";
        }
    }
    std::vector<KernelResult> results;
    log_level() = options.log_level;
    for (const model::Program* program : programs) {
        log_buffer()[0] = '\0';
        // --type fills only the programs no convention types (type_option_for);
        // those only a legacy convention types get its type.
        const TypeChoice chosen = program->type.empty() ? type : legacy_choice(*program);
        if (!raw_reason.empty()) {
            results.push_back(load_raw(object, *program, chosen, options.unprivileged, raw_reason));
        } else {
            results.push_back(load_with_libbpf(object.path, program->name, chosen, options.unprivileged));
        }
        if (options.keep_log) {
            results.back().log = log_buffer();
        }
    }
    log_level() = kLogLevelStats;
    return results;
}

}  // namespace bpfcheck::cli
