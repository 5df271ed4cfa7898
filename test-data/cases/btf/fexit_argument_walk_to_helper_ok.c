// case: an fexit program passes sock->sk, read from its own struct socket argument, to bpf_sk_storage_get and bpf_get_socket_cookie (the kernel selftest socket_cookie_prog's update_cookie_tracing): the argument is plain PTR_TO_BTF_ID, a member walked from it stays plain (check_ptr_to_btf_access's "Old compat" branch), and helpers taking a BTF socket accept plain pointers (btf_ptr_types)
// kernel: accept
// requires: kernel-btf, trampoline
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct sock;
struct socket {
    struct sock *sk;
} __attribute__((preserve_access_index));
struct cookie {
    __u64 key;
    __u32 value;
};
struct {
    __uint(type, BPF_MAP_TYPE_SK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct cookie);
} cookies SEC(".maps");
static void *(*bpf_sk_storage_get)(void *map, void *sk, void *value, __u64 flags) = (void *)107;
static __u64 (*bpf_get_socket_cookie)(void *ctx) = (void *)46;
SEC("fexit/inet_stream_connect")
int tag_connected(unsigned long long *ctx)
{
    struct socket *sock = (struct socket *)ctx[0];
    struct cookie *p;

    p = bpf_sk_storage_get(&cookies, sock->sk, 0, 0);
    if (!p)
        return 0;
    if (p->key != bpf_get_socket_cookie(sock->sk))
        return 0;
    p->value |= 0xf0;
    return 0;
}
char _license[] SEC("license") = "GPL";
