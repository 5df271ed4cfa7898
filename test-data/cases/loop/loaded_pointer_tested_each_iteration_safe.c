// case: a loop of 25 iterations, not unrolled (the selftests' strobemeta_nounroll1 string loop): each iteration finds a user pointer through two reads and tests it for NULL and -1 (clang: `r2 += 1; if r2 < 2`), then reads one byte to a growing payload offset and its length to `lens[i]`. That register is stepped and compared like a counter, but it is loaded afresh in each iteration (dead where the back edge enters): keying the partitions by it split one iteration's states apart, folding then mixed iterations, and `i` and the offset were widened (a false map.bounds at `lens[i]`). The kernel walks the 25 iterations.
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct location {
    long mode;
    long offset;
};

struct config {
    struct location locations[25];
};

struct payload {
    unsigned short lens[25];
    char data[25];
};

struct {
    int (*type)[BPF_MAP_TYPE_PERCPU_ARRAY];
    int (*max_entries)[1];
    __u32 *key;
    struct payload *value;
} heap SEC(".maps");

struct {
    int (*type)[BPF_MAP_TYPE_HASH];
    int (*max_entries)[16];
    __u32 *key;
    struct config *value;
} configs SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;
static __u64 (*bpf_get_current_task)(void) = (void *)35;
static long (*bpf_probe_read_user)(void *dst, __u32 size, const void *src) = (void *)112;
static long (*bpf_probe_read_user_str)(void *dst, __u32 size, const void *src) = (void *)114;

// Mode -1: no value (the product is NULL); mode 0: at base + offset; else
// through a table whose entry is NULL or -1 while unset.
static inline __attribute__((always_inline)) void *find(struct location *at, void *base)
{
    struct {
        long index;
        long offset;
    } entry;
    void **table;
    void *slot;

    if (at->mode <= 0)
        return (void *)((at->mode + 1) * (long)(base + at->offset));
    bpf_probe_read_user(&entry, sizeof(entry), (void *)at->offset);
    if (entry.index > 0) {
        bpf_probe_read_user(&table, sizeof(table), base + 8);
        table += entry.index;
    } else {
        table = 0;
    }
    bpf_probe_read_user(&slot, sizeof(slot), table);
    return slot && slot != (void *)-1 ? slot + entry.offset : 0;
}

SEC("raw_tracepoint/sys_enter")
int read_strings(void *ctx)
{
    __u32 zero = 0;
    __u32 pid = bpf_get_current_pid_tgid() >> 32;
    struct payload *p = bpf_map_lookup_elem(&heap, &zero);
    struct config *c;
    __u64 off = 0;
    void *base = (void *)bpf_get_current_task();

    if (!p)
        return 0;
    c = bpf_map_lookup_elem(&configs, &pid);
    if (!c)
        return 0;
#pragma nounroll
    for (int i = 0; i < 25; i++) {
        void *where;
        long len;

        p->lens[i] = 0;
        where = find(&c->locations[i], base);
        if (!where)
            continue;
        len = bpf_probe_read_user_str(&p->data[off], 1, where);
        if (len < 0 || len > 1)
            continue;
        p->lens[i] = len;
        off += len;
    }
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
