// case: an XDP program looks a connection up with bpf_xdp_ct_lookup (nf_ct_kfunc_set: KF_ACQUIRE | KF_RET_NULL) and returns without bpf_ct_release: the reference leaks
// kernel: reject
// requires: kernel-btf
// expect: ref.leak @ line 24
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct nf_conn { unsigned long status; } __attribute__((preserve_access_index));
struct bpf_ct_opts { __s32 netns_id; __s32 error; __u8 l4proto; __u8 dir; __u16 ct_zone_id; __u8 ct_zone_dir; __u8 reserved[3]; };
extern struct nf_conn *bpf_xdp_ct_lookup(struct xdp_md *ctx, struct bpf_sock_tuple *tuple, __u32 len_tuple,
                                         struct bpf_ct_opts *opts, __u32 len_opts) __ksym;
extern void bpf_ct_release(struct nf_conn *ct) __ksym;

unsigned long last_status;

SEC("xdp")
int ct_leak(struct xdp_md *ctx)
{
    struct bpf_sock_tuple tuple = {};
    struct bpf_ct_opts opts = { .netns_id = -1, .l4proto = 6 };
    struct nf_conn *ct = bpf_xdp_ct_lookup(ctx, &tuple, sizeof(tuple.ipv4), &opts, sizeof(opts));
    if (ct)
        last_status = 1;
    return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
