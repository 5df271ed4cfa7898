// case: an iter/task_file program passes sock->sk to bpf_sk_storage_get, where sock is bpf_sock_from_file's result, a plain kernel pointer (RET_PTR_TO_BTF_ID_OR_NULL, not PTR_TRUSTED): a pointer walked from a plain one keeps no trust even through a listed field (check_ptr_to_btf_access's "Old compat" branch; Linux 6.18 makes it PTR_UNTRUSTED: "R2 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_")
// kernel: reject
// requires: kernel-btf
// args: --kernel 6.18
// expect: helper.arg_type @ line 41
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct sock;
struct file;
struct socket {
    struct sock *sk;
} __attribute__((preserve_access_index));
struct bpf_iter__task_file {
    void *meta;
    void *task;
    __u32 fd;
    struct file *file;
};
struct {
    __uint(type, BPF_MAP_TYPE_SK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, int);
} sk_map SEC(".maps");
static void *(*bpf_sk_storage_get)(void *map, void *sk, void *value, __u64 flags) = (void *)107;
static struct socket *(*bpf_sock_from_file)(struct file *file) = (void *)162;
SEC("iter/task_file")
int socket_owner(struct bpf_iter__task_file *ctx)
{
    struct file *file = ctx->file;
    struct socket *sock;
    int *value;

    if (!file)
        return 0;
    sock = bpf_sock_from_file(file);
    if (!sock)
        return 0;
    value = bpf_sk_storage_get(&sk_map, sock->sk, 0, 0);
    if (value)
        *value = 1;
    return 0;
}
char _license[] SEC("license") = "GPL";
