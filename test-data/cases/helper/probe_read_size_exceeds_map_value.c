// case: bpf_probe_read_kernel writes up to 31 bytes (len & 31) into a 16-byte map value
// kernel: reject
// expect: map.bounds @ line 30
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct head {
    char bytes[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct head);
} heads SEC(".maps");

SEC("kprobe/tcp_sendmsg")
int probe_sendmsg(__u64 *regs) {
    __u32 key = 0;
    struct head *h = bpf_map_lookup_elem(&heads, &key);
    if (!h)
        return 0;
    bpf_probe_read_kernel(h->bytes, regs[13] & 31, (void *)regs[14]);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
