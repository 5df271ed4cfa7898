// case: bpf_probe_read_kernel copies `len` bytes where len is a signed int checked only against the buffer size from above
// kernel: reject
// expect: helper.size @ line 33
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct sample {
    char data[64];
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct sample);
} scratch SEC(".maps");

SEC("kprobe/tcp_sendmsg")
int probe_sendmsg(__u64 *regs) {
    __u32 key = 0;
    struct sample *s = bpf_map_lookup_elem(&scratch, &key);
    if (!s)
        return 0;
    int len = (int)regs[13]; /* the size argument, in a register */
    if (len > (int)sizeof(s->data))
        len = sizeof(s->data);
    bpf_probe_read_kernel(s->data, len, (void *)regs[14]);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
