// case: a be16 result indexes a 64 KiB map value: from Linux 6.18 (7.0, and the 6.18 and 6.19 stable series) the kernel keeps a byte swap's known bits, so the index is below 65536
// requires: bswap-bit-tracking
// args: --kernel 6.18
// kernel: accept
// expect: pass
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
