// case: the value bpf_iter_num_next returns is read before the NULL check that ends the loop: the pointer is NULL once the iterator is exhausted
// kernel: reject
// expect: null.deref @ line 27
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

struct bpf_iter_num {
    __u64 __opaque[1];
} __attribute__((aligned(8)));

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym __attribute__((weak));
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym __attribute__((weak));
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym __attribute__((weak));

__u64 first;

SEC("xdp")
int first_value(struct xdp_md *ctx)
{
    struct bpf_iter_num it;
    int *v;

    bpf_iter_num_new(&it, 0, 100);
    v = bpf_iter_num_next(&it);
    first = *v; // <-- NULL when the range is empty
    bpf_iter_num_destroy(&it);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
