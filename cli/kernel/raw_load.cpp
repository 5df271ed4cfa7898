// Our fallback for objects libbpf will not load (a legacy `maps` section,
// assembly without function symbols): bpfcheck's linked program, whose
// ld_imm64 of maps and global data carry our map indices, patched with the
// fds of maps created here and loaded with bpf_prog_load.
#include "cli/kernel/load_support.hpp"

#include <bpf/bpf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <map>
#include <vector>

namespace bpfcheck::cli::kernel_load {

namespace {

class MapFds {
public:
    MapFds() = default;
    MapFds(const MapFds&) = delete;
    MapFds& operator=(const MapFds&) = delete;
    ~MapFds() {
        for (const auto& [index, fd] : m_fds) {
            close(fd);
        }
    }
    // The fd of map `index`, created on first use; or a message.
    int get(const model::BpfObject& object, std::uint32_t index, std::string& message) {
        if (const auto found = m_fds.find(index); found != m_fds.end()) {
            return found->second;
        }
        if (index >= object.maps.size()) {
            message = fmt::format("reference to map #{}, which the object does not define", index);
            return -EINVAL;
        }
        const model::MapDef& def = object.maps[index];
        if (def.inner_map != model::kNoIndex || def.name == ".kconfig") {
            message = fmt::format("map '{}' ({}) needs libbpf to be created", def.name,
                                  def.name == ".kconfig" ? "kconfig externs" : "map in map");
            return -ENOTSUP;
        }
        bpf_map_create_opts options{};
        options.sz = sizeof options;
        options.map_flags = def.map_flags;
        if (def.origin == model::MapOrigin::GlobalData && def.read_only) {
            options.map_flags |= BPF_F_RDONLY_PROG;
        }
        const std::string name = def.name.substr(0, BPF_OBJ_NAME_LEN - 1);
        std::string kernel_name;
        for (const char c : name) {  // the kernel allows [A-Za-z0-9_.]
            kernel_name += (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.') ? c : '_';
        }
        const int fd = bpf_map_create(static_cast<bpf_map_type>(def.type), kernel_name.c_str(), def.key_size,
                                      def.value_size, def.max_entries, &options);
        if (fd < 0) {
            const int error = errno;
            message = fmt::format("cannot create map '{}' (type {}, key {}, value {}, entries {}, flags {:#x}): {}",
                                  def.name, def.type, def.key_size, def.value_size, def.max_entries, def.map_flags,
                                  std::strerror(error));
            return -error;
        }
        m_fds[index] = fd;
        if (def.origin == model::MapOrigin::GlobalData && !def.initial_value.empty()) {
            std::vector<std::uint8_t> value = def.initial_value;
            value.resize(def.value_size, 0);
            const std::uint32_t key = 0;
            if (bpf_map_update_elem(fd, &key, value.data(), 0) != 0 || (def.read_only && bpf_map_freeze(fd) != 0)) {
                const int error = errno;
                message = fmt::format("cannot initialise '{}': {}", def.name, std::strerror(error));
                return -error;
            }
        }
        return fd;
    }

private:
    std::map<std::uint32_t, int> m_fds;
};

TypeChoice raw_type(const model::Program& program, const TypeChoice& override_type) {
    if (override_type.set) {
        return override_type;
    }
    TypeChoice by_section;
    if (parse_type(program.section, by_section)) {
        return by_section;
    }
    TypeChoice by_name;
    parse_type(program.type, by_name);
    return by_name;
}

// The program's instructions ready for bpf_prog_load, or a load error in `result`.
bool relocate_raw(const model::BpfObject& object, const model::Program& program, MapFds& maps,
                  std::vector<bpf_insn>& insns, KernelResult& result) {
    insns.resize(program.slots.size());
    for (std::size_t i = 0; i < program.slots.size(); ++i) {
        const isa::RawInsn& raw = program.slots[i];
        insns[i] = bpf_insn{};
        insns[i].code = raw.opcode;
        insns[i].dst_reg = raw.dst & 0xf;
        insns[i].src_reg = raw.src & 0xf;
        insns[i].off = raw.offset;
        insns[i].imm = raw.imm;
    }
    for (std::size_t i = 0; i < program.refs.size(); ++i) {
        const model::InsnRef& ref = program.refs[i];
        if (ref.kind == model::RelocKind::Ksym || ref.kind == model::RelocKind::Kfunc) {
            result.verdict = KernelVerdict::LoadError;
            result.error_number = ENOTSUP;
            result.error = fmt::format("insn {}: extern '{}' needs libbpf to be resolved", i, ref.symbol);
            return false;
        }
        if (ref.kind != model::RelocKind::Map && ref.kind != model::RelocKind::GlobalData) {
            continue;
        }
        std::string message;
        const int fd = maps.get(object, ref.map_index, message);
        if (fd < 0) {
            result.verdict = KernelVerdict::LoadError;
            result.error_number = -fd;
            result.error = shorten(message);
            return false;
        }
        insns[i].imm = fd;
    }
    return true;
}

}  // namespace

KernelResult load_raw(const model::BpfObject& object, const model::Program& program, const TypeChoice& override_type,
                      bool unprivileged, const std::string& why) {
    KernelResult result;
    result.loader = "raw";
    result.section = program.section;
    const TypeChoice type = raw_type(program, override_type);
    if (!type.set) {
        result.verdict = KernelVerdict::LoadError;
        result.error_number = EINVAL;
        result.error = fmt::format("{}; and section '{}' implies no program type (pass --type)", why, program.section);
        return result;
    }
    result.type = type_name(type.type);
    MapFds maps;
    std::vector<bpf_insn> insns;
    if (!relocate_raw(object, program, maps, insns, result)) {
        result.error = fmt::format("{}; {}", why, result.error);
        return result;
    }
    char* log = log_buffer();
    log[0] = '\0';
    bpf_prog_load_opts options{};
    options.sz = sizeof options;
    options.log_buf = log;
    options.log_size = static_cast<std::uint32_t>(kLogSize);
    options.log_level = log_level();
    if (type.has_attach_type) {
        options.expected_attach_type = type.attach_type;
    }
    if (object.kernel_version) {
        options.kern_version = *object.kernel_version;
    }
    if (program.sleepable) {
        options.prog_flags |= BPF_F_SLEEPABLE;  // libbpf's SEC_SLEEPABLE sections, as bpf_object_load_prog sets it
    }
    std::string name;
    for (const char c : program.name.substr(0, BPF_OBJ_NAME_LEN - 1)) {
        name += (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.') ? c : '_';
    }
    const std::string license = object.license.empty() ? "GPL" : object.license;
    int fd = -1;
    int error = 0;
    {
        const DroppedCapabilities dropped(unprivileged);
        fd = bpf_prog_load(type.type, name.c_str(), license.c_str(), insns.data(), insns.size(), &options);
        error = fd < 0 ? errno : 0;
    }
    classify(
        result, fd < 0 ? -1 : 0, error,
        fmt::format("{}; loaded without it, the kernel refused the program before its verifier ran (no log)", why));
    if (fd >= 0) {
        bpf_prog_info info{};
        std::uint32_t length = sizeof info;
        if (bpf_obj_get_info_by_fd(fd, &info, &length) == 0 && length > offsetof(bpf_prog_info, verified_insns)) {
            result.verified_insns = info.verified_insns;
        }
        close(fd);
    }
    return result;
}

}  // namespace bpfcheck::cli::kernel_load
