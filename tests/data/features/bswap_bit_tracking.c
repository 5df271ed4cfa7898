// Does the running kernel keep a register's known bits through a byte swap
// ("bpf: Add bitwise tracking for BPF_END": Linux 7.0, and the 6.19 and 6.18
// stable series)? Earlier kernels make the swapped register unknown, and
// this tc program, which indexes a 64 KiB map value with a be16 result, then
// fails ("math between map_value pointer and register with unbounded min
// value"). kernel_compare.py loads this with kernel_verdict
// (tests/data/cases.py: running_kernel_features) and compares cases that
// `requires: bswap-bit-tracking` only where it loads.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, int);
    __type(value, char[65536]);
} bytes SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

SEC("tc")
int bswap_bit_tracking_probe(struct __sk_buff *skb)
{
    int key = 0;
    char *value = bpf_map_lookup_elem(&bytes, &key);
    unsigned long index = skb->len;

    if (!value)
        return 0;
    asm volatile("%[i] = be16 %[i]" : [i] "+r"(index));
    return value[index];
}

char LICENSE[] SEC("license") = "GPL";
