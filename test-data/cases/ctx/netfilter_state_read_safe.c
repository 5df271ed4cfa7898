// case: a netfilter program reads its context's two members, the hook state and the skb (nf_is_valid_access: 8-byte reads, trusted kernel pointers to struct nf_hook_state and struct sk_buff), and fields through them
// type: netfilter
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct nf_hook_state { __u8 hook; __u8 pf; } __attribute__((preserve_access_index));
struct sk_buff { unsigned int len; } __attribute__((preserve_access_index));
struct bpf_nf_ctx { const struct nf_hook_state *state; struct sk_buff *skb; };

SEC("netfilter")
int nf_read(struct bpf_nf_ctx *ctx)
{
    const struct nf_hook_state *state = ctx->state;
    struct sk_buff *skb = ctx->skb;

    if (state->pf != 2 || skb->len <= 20)
        return 1; /* NF_ACCEPT */
    return 0; /* NF_DROP */
}
char LICENSE[] SEC("license") = "GPL";
