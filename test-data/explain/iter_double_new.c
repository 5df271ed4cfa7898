// case: bpf_iter_num_new is called twice on the same iterator without destroying it in between
// kernel: reject
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct bpf_iter_num { __u64 __opaque[1]; } __attribute__((aligned(8)));
extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;
SEC("xdp")
int restart(struct xdp_md *ctx)
{
    struct bpf_iter_num it;
    bpf_iter_num_new(&it, 0, 10);
    bpf_iter_num_new(&it, 0, 20);
    bpf_iter_num_destroy(&it);
    return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
