// case: the same sock_ops program passes ctx->sk (a socket or NULL: PTR_TO_SOCKET_OR_NULL) after checking it against NULL
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
} seen SEC(".maps");

SEC("sockops")
int count_events(struct bpf_sock_ops *ctx)
{
    struct bpf_sock *sk = ctx->sk;
    __u64 *count;

    if (!sk)
        return 1;
    count = bpf_sk_storage_get(&seen, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
    if (count)
        *count += 1;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
