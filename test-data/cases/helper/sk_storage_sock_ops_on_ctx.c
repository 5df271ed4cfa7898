// case: a sock_ops program passes its context, not ctx->sk, to bpf_sk_storage_get: there the proto is bpf_sk_storage_get_proto, whose socket argument (ARG_PTR_TO_BTF_ID_SOCK_COMMON) takes sockets and kernel pointers only (compatible_reg_types: type=ctx expected=sock_common, sock, ...)
// kernel: reject
// expect: helper.arg_type @ line 22
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
} seen SEC(".maps");

SEC("sockops")
int count_events(struct bpf_sock_ops *ctx)
{
    __u64 *count = bpf_sk_storage_get(&seen, ctx, 0, BPF_SK_STORAGE_GET_F_CREATE);

    if (count)
        *count += 1;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
