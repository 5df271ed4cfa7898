// case: the be16 index of bswap16_index_keeps_width_safe for Linux 6.12, whose check_alu_op makes a byte-swapped register unknown (bit tracking for BPF_END came later): the index is unbounded
// requires: bswap-bit-tracking
// args: --kernel 6.12
// kernel: accept
// kernel-differs: the running kernel keeps the 16 bits of the swap and loads it; 6.12, the release checked here, refuses the unbounded index
// expect: map.bounds @ line 32
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
int bswap16_index(struct __sk_buff *skb)
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
