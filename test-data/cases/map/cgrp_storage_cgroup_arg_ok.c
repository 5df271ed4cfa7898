// case: bpf_cgrp_storage_get is given the struct cgroup a tp_btf/cgroup_mkdir program receives (a trusted tracepoint argument of the struct its ARG_PTR_TO_BTF_ID_OR_NULL names)
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct cgroup;

static void *(*bpf_cgrp_storage_get)(void *map, struct cgroup *cgrp, void *value, __u64 flags) = (void *)210;

struct {
    __uint(type, 32);  // BPF_MAP_TYPE_CGRP_STORAGE (Linux 6.2), newer than these uapi headers
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, __u64);
} marks SEC(".maps");

SEC("tp_btf/cgroup_mkdir")
int mark_new_cgroup(unsigned long long *ctx)
{
    struct cgroup *cgrp = (struct cgroup *)ctx[0];
    __u64 *mark = bpf_cgrp_storage_get(&marks, cgrp, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

    if (mark)
        *mark = 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
