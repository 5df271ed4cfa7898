// case: bpf_cgrp_storage_get is given the task bpf_get_current_task_btf returned (cast to a cgroup pointer in C): its ARG_PTR_TO_BTF_ID_OR_NULL names struct cgroup, and a task_struct neither is nor begins with one (check_reg_type, btf_struct_ids_match: "R2 is of type task_struct but cgroup is expected")
// kernel: reject
// requires: kernel-btf
// expect: helper.arg_type @ line 27
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct task_struct;
struct cgroup;

static void *(*bpf_cgrp_storage_get)(void *map, struct cgroup *cgrp, void *value, __u64 flags) = (void *)210;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;

struct {
    __uint(type, 32);  // BPF_MAP_TYPE_CGRP_STORAGE (Linux 6.2), newer than these uapi headers
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, __u64);
} marks SEC(".maps");

SEC("tp_btf/sys_enter")
int mark_task_as_cgroup(void *ctx)
{
    __u64 *mark = bpf_cgrp_storage_get(&marks, (struct cgroup *)bpf_get_current_task_btf(), 0,
                                       BPF_LOCAL_STORAGE_GET_F_CREATE);

    if (mark)
        *mark = 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
