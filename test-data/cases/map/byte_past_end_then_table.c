// case: a byte read one row past a 16-byte map value, then used to index a 16-entry hex table (`hex[b >> 4]`, otel's bytes_to_hex_string): the kernel refuses the read; a 1-byte load zero-extends whatever it reads, so the refused read still yields a number below 256 and the table index (b >> 4, below 16) is in bounds: one error, not a second one made from a value the load cannot have
// kernel: reject
// expect: map.bounds @ line 21
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct row { unsigned char id[16]; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct row); } rows SEC(".maps");
char hex[16] = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
SEC("tc")
int hex_digit(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct row *r = bpf_map_lookup_elem(&rows, &zero);
    if (!r)
        return 0;
    volatile __u32 at = 16;
    unsigned char *p = r->id;
    unsigned char b = p[at & 31];
    return hex[b >> 4];
}
char _license[] SEC("license") = "GPL";
