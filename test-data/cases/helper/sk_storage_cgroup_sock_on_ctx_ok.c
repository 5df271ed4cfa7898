// case: a cgroup/sock_create program keeps socket-local storage on its context: sock_filter_func_proto gives bpf_sk_storage_get_cg_sock_proto, whose socket argument is the context itself (ARG_PTR_TO_CTX: there the context is a struct sock)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_sk_storage_get)(void *map, void *sk, void *value, __u64 flags) = (void *)107;

struct {
    __uint(type, BPF_MAP_TYPE_SK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, __u64);
} created SEC(".maps");

SEC("cgroup/sock_create")
int note_creation(struct bpf_sock *ctx)
{
    __u64 *count = bpf_sk_storage_get(&created, ctx, 0, BPF_SK_STORAGE_GET_F_CREATE);

    if (count)
        *count += 1;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
