// case: an iter/tcp program passes its context's sk_common (a plain PTR_TO_BTF_ID_OR_NULL, checked against NULL) to bpf_sk_storage_get: a plain kernel pointer is what the helper's BTF argument takes (check_reg_type), only pointers walked from it lose their trust
// kernel: accept
// requires: kernel-btf
// args: --kernel 6.18
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct sock_common;
struct bpf_iter__tcp {
    void *meta;
    struct sock_common *sk_common;
    __u32 uid;
};
struct {
    __uint(type, BPF_MAP_TYPE_SK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, int);
} sk_map SEC(".maps");
static void *(*bpf_sk_storage_get)(void *map, void *sk, void *value, __u64 flags) = (void *)107;
SEC("iter/tcp")
int socket_storage(struct bpf_iter__tcp *ctx)
{
    struct sock_common *sk_common = ctx->sk_common;
    int *value;

    if (!sk_common)
        return 0;
    value = bpf_sk_storage_get(&sk_map, sk_common, 0, 0);
    if (value)
        *value = 1;
    return 0;
}
char _license[] SEC("license") = "GPL";
