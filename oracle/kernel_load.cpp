// Kernel loading for the differential mode; see kernel_load.hpp.
#include "oracle/kernel_load.hpp"

#include <bpf/bpf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace bpfcheck::oracle {

std::optional<KernelVerdict> kernel_verdict(const model::BpfObject& object, const model::Program& program) {
    std::vector<int> fds;
    const auto close_all = [&] {
        for (const int fd : fds) {
            if (fd >= 0) {
                close(fd);
            }
        }
    };
    for (const model::MapDef& map : object.maps) {
        const int fd = bpf_map_create(static_cast<bpf_map_type>(map.type), nullptr, map.key_size, map.value_size,
                                      map.max_entries, nullptr);
        if (fd < 0) {
            close_all();
            return std::nullopt;
        }
        fds.push_back(fd);
    }
    std::vector<bpf_insn> insns(program.slots.size());
    for (std::size_t i = 0; i < program.slots.size(); ++i) {
        const isa::RawInsn& raw = program.slots[i];
        insns[i].code = raw.opcode;
        insns[i].dst_reg = raw.dst & 0xf;
        insns[i].src_reg = raw.src & 0xf;
        insns[i].off = raw.offset;
        insns[i].imm = raw.imm;
        if (i < program.refs.size() && program.refs[i].kind == model::RelocKind::Map) {
            insns[i].src_reg = BPF_PSEUDO_MAP_FD;
            insns[i].imm = fds.at(program.refs[i].map_index);
        }
    }
    std::vector<char> log(1 << 20);
    LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_level = 1, .log_size = static_cast<__u32>(log.size()),
                .log_buf = log.data());
    const int prog = bpf_prog_load(BPF_PROG_TYPE_XDP, "gen", "GPL", insns.data(), insns.size(), &opts);
    const int saved_errno = errno;
    close_all();
    if (prog >= 0) {
        close(prog);
        return KernelVerdict{true, "", ""};
    }
    if (saved_errno == EPERM) {
        return std::nullopt;
    }
    std::string text(log.data());
    std::string last;
    std::string previous;  // the instruction the error is about
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty() && line.find("processed ") != 0 && line.find("verification time") != 0 &&
            line.find("stack depth") != 0) {
            previous = last;
            last = line;
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return KernelVerdict{false, last.empty() ? std::strerror(saved_errno) : previous + " -> " + last, text};
}

}  // namespace bpfcheck::oracle
