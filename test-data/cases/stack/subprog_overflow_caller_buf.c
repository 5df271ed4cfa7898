// case: a non-inlined function writes 16 bytes into an 8-byte buffer of its caller, past the top of the caller's frame
// expect: stack.out_of_bounds @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int clear_key(__u64 *key)
{
    key[0] = 0;
    key[1] = 0; // <-- the caller's buffer is only 8 bytes at the top of its frame
    return 0;
}

SEC("xdp")
int xdp_clear_key(struct xdp_md *ctx)
{
    __u64 key;

    clear_key(&key);
    return key == 0 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
