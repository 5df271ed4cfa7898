// case: a lookup's result or, when the key is absent, a default struct in .rodata (at offset 208 of the section), then fields read at offsets that only .rodata has room for on the other path (inspektor-gadget's traceloop: syscall_def = lookup(&syscalls, &nr) ?: &default_definition): the kernel walks each path with its own map and accepts; a join of the two pointers would check .rodata's offsets against the 48-byte map value
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_probe_read_kernel)(void *dst, unsigned int size, const void *src) = (void *)113;
struct def { unsigned long long len[6]; };
struct {
    int (*type)[BPF_MAP_TYPE_HASH];
    int (*max_entries)[64];
    unsigned int *key;
    struct def *value;
} defs SEC(".maps");
const volatile unsigned long long limits[26] = {1};
const struct def default_def = {{1, 2, 3, 4, 5, 6}};
unsigned long long out[8];
SEC("raw_tracepoint/sys_enter")
int read_def(struct bpf_raw_tracepoint_args *ctx)
{
    unsigned int nr = ctx->args[1];
    const struct def *d = bpf_map_lookup_elem(&defs, &nr);
    if (!d)
        d = &default_def;
    for (int i = 0; i < 6; i++) {
        unsigned long long v = 0;
        bpf_probe_read_kernel(&v, sizeof(v), (void *)(ctx->args[0] + i * 8));
        out[i] = v + limits[i];
        if (d->len[i])
            out[0]++;
    }
    return 0;
}
char _license[] SEC("license") = "GPL";
