// case: a tc program inserts what bpf_skb_ct_alloc returned with bpf_ct_insert_entry (which takes the struct nf_conn___init and returns a struct nf_conn) and releases that with bpf_ct_release
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct nf_conn {
    unsigned long status;
} __attribute__((preserve_access_index));
struct bpf_ct_opts___local {
    __s32 netns_id;
    __s32 error;
    __u8 l4proto;
    __u8 reserved[3];
};
extern struct nf_conn *bpf_skb_ct_alloc(struct __sk_buff *, struct bpf_sock_tuple *, __u32,
                                        struct bpf_ct_opts___local *, __u32) __ksym;
extern struct nf_conn *bpf_ct_insert_entry(struct nf_conn *) __ksym;
extern void bpf_ct_release(struct nf_conn *) __ksym;
SEC("tc")
int insert_then_release(struct __sk_buff *ctx)
{
    struct bpf_ct_opts___local opts = {.netns_id = -1};
    struct bpf_sock_tuple tup = {};
    struct nf_conn *ct;

    ct = bpf_skb_ct_alloc(ctx, &tup, sizeof(tup.ipv4), &opts, sizeof(opts));
    if (!ct)
        return 0;
    ct = bpf_ct_insert_entry(ct);
    if (!ct)
        return 0;
    bpf_ct_release(ct);
    return 0;
}
char _license[] SEC("license") = "GPL";
