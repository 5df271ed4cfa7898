// The table behind helper_btf_types.hpp: one row per BTF-typed helper
// argument (helper id, argument index, struct), as the kernel's protos say.
#include "analyzer/platform/helpers/helper_btf_types.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

struct ArgStruct {
    std::int32_t helper;
    int arg;
    std::string_view name;
};

constexpr std::array kArgStructs{
    ArgStruct{126, 0, "seq_file"},      // bpf_seq_printf (btf_seq_file_ids)
    ArgStruct{127, 0, "seq_file"},      // bpf_seq_write
    ArgStruct{141, 0, "task_struct"},   // bpf_get_task_stack
    ArgStruct{145, 1, "inode"},         // bpf_inode_storage_get
    ArgStruct{146, 1, "inode"},         // bpf_inode_storage_delete
    ArgStruct{147, 0, "path"},          // bpf_d_path (bpf_d_path_btf_ids)
    ArgStruct{150, 0, "seq_file"},      // bpf_seq_printf_btf
    ArgStruct{156, 1, "task_struct"},   // bpf_task_storage_get
    ArgStruct{157, 1, "task_struct"},   // bpf_task_storage_delete
    ArgStruct{159, 0, "linux_binprm"},  // bpf_bprm_opts_set
    ArgStruct{161, 0, "inode"},         // bpf_ima_inode_hash
    ArgStruct{162, 0, "file"},          // bpf_sock_from_file
    ArgStruct{175, 0, "task_struct"},   // bpf_task_pt_regs
    ArgStruct{180, 0, "task_struct"},   // bpf_find_vma
    ArgStruct{193, 0, "file"},          // bpf_ima_file_hash
    ArgStruct{210, 1, "cgroup"},        // bpf_cgrp_storage_get
    ArgStruct{211, 1, "cgroup"},        // bpf_cgrp_storage_delete
};

}  // namespace

std::string_view helper_arg_struct(std::int32_t helper_id, int arg) {
    for (const ArgStruct& row : kArgStructs) {
        if (row.helper == helper_id && row.arg == arg) {
            return row.name;
        }
    }
    return {};
}

std::string_view helper_ret_struct(std::int32_t helper_id) {
    constexpr std::int32_t kGetCurrentTaskBtf = 158;  // ret_btf_id: btf_tracing_ids[BTF_TRACING_TYPE_TASK]
    return helper_id == kGetCurrentTaskBtf ? std::string_view{"task_struct"} : std::string_view{};
}

}  // namespace bpfcheck::analyzer
