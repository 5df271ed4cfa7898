// case: a subprogram adds a variable length to a packet cursor, called twice on one path: the first sum keeps the range the caller proved for it (the kernel gives each sum a fresh id)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct cursor {
    unsigned char *pos;
    void *end;
};

/* Skips a header whose length (in 4-byte words) is its first byte's low nibble. */
static __attribute__((noinline)) int skip_header(struct cursor *c)
{
    unsigned char *p = c->pos;

    if ((void *)(p + 1) > c->end)
        return 0;
    c->pos = p + (p[0] & 0xf) * 4;
    return 1;
}

SEC("xdp")
int xdp_two_headers(struct xdp_md *ctx)
{
    struct cursor c = {(unsigned char *)(long)ctx->data, (void *)(long)ctx->data_end};
    unsigned char *first;

    if (!skip_header(&c))
        return XDP_DROP;
    first = c.pos;
    if ((void *)(first + 4) > c.end)
        return XDP_DROP;
    if (!skip_header(&c))
        return XDP_DROP;
    return first[3] == 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
