// case: samples/bpf's sockex2 pattern: a socket filter whose maps are in a legacy `maps` section (struct bpf_map_def) reads the packet with LD_ABS in a subprogram clang keeps (parse_ipv6). libbpf 1.x refuses the object; the loaders that take it (iproute2, samples/bpf's bpf_load) give the kernel no BTF, so the subprogram has no func info and the kernel refuses the LD_ABS ("LD_ABS is not allowed in subprogs without BTF")
// kernel: reject
// expect: call.no_func_info @ line 23
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct bpf_map_def {
    unsigned int type;
    unsigned int key_size;
    unsigned int value_size;
    unsigned int max_entries;
    unsigned int map_flags;
};
struct bpf_map_def SEC("maps") counts = {
    .type = BPF_MAP_TYPE_ARRAY,
    .key_size = sizeof(__u32),
    .value_size = sizeof(long),
    .max_entries = 256,
};
static __attribute__((noinline)) __u64 next_header(struct __sk_buff *skb, __u64 off)
{
    return load_byte(skb, off + 6);
}
SEC("socket")
int count_protocols(struct __sk_buff *skb)
{
    __u32 proto = next_header(skb, 14) & 0xff;
    long *value = bpf_map_lookup_elem(&counts, &proto);
    if (value)
        __sync_fetch_and_add(value, 1);
    return 0;
}
char _license[] SEC("license") = "GPL";
