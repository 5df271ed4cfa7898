// case: a loop over six 296-byte records of a map value, counted by `r6 += 16` until 96 with `r9 += 296` moving along (as Debian's ksnoop walks its traces, `r8 += 24` until 144), whose body branches on flags and on the record's argument number: with more than 32 path shapes per program point the partitions must fold the paths of one iteration together, never two iterations (the counter and the offsets moving with it stay exact, as the kernel walks each iteration)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

struct trace {
    __u32 base_arg;
    __u32 offset;
    __u32 size;
    __u32 pad;
    __u64 type_id;
    __u64 flags;
    __u64 predicate;
    char name[256];
};

struct data {
    __u64 raw;
    __u32 err;
    __u16 buf_len;
    __u16 buf_offset;
};

struct value {
    struct trace traces[6];
    struct data data[6];
    __u16 buf_len;
    char buf[2048];
};

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    __u32 *key;
    struct value *value;
} values SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;

static __attribute__((noinline)) int walk(struct pt_regs *ctx, int entry)
{
    __u32 key = 0;
    struct value *v = bpf_map_lookup_elem(&values, &key);
    if (!v)
        return 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 6; i++) {
        struct trace *t = &v->traces[i];
        struct data *d = &v->data[i];
        unsigned long arg = 0;
        if (entry && t->base_arg == 5)
            continue;
        if (t->type_id == 0 && !(t->flags & 1))
            continue;
        switch (t->base_arg) {
        case 0: arg = ctx->di; break;
        case 1: arg = ctx->si; break;
        case 2: arg = ctx->dx; break;
        case 3: arg = ctx->cx; break;
        case 4: arg = ctx->r8; break;
        default: arg = ctx->ax; break;
        }
        if (t->flags & 2) {
            if (t->offset)
                arg += t->offset;
            if (t->flags & 1) {
                if (bpf_probe_read_kernel(&arg, sizeof(arg), (void *)arg)) {
                    d->err = 1;
                    continue;
                }
            }
            d->raw = arg;
        } else if (t->size <= sizeof(d->raw)) {
            bpf_probe_read_kernel(&d->raw, t->size, (void *)arg);
        } else {
            d->raw = arg;
        }
        if (t->flags & 0xf00) {
            int ok = 0;
            if ((t->flags & 0x100) && d->raw == t->predicate)
                ok = 1;
            if ((t->flags & 0x200) && d->raw != t->predicate)
                ok = 1;
            if (!ok)
                return 0;
        }
        __u32 size = t->size;
        if (size > 256)
            size = 256;
        if (v->buf_len + size > 1792)
            break;
        d->buf_offset = v->buf_len;
        bpf_probe_read_kernel(&v->buf[v->buf_len & 1023], size & 255, (void *)arg);
        d->buf_len = size;
        v->buf_len += size;
    }
    return 0;
}

SEC("kprobe/foo")
int entry(struct pt_regs *ctx)
{
    return walk(ctx, 1);
}

char LICENSE[] SEC("license") = "GPL";
