// case: a loop over 8 records whose record pointer lives in a stack slot across an inner loop of 10 entries, each appending up to two bytes read by bpf_probe_read_user_str to a payload (off += len, len 0 or 1 where kept): the kernel walks all 80 inner iterations, the record pointer and the offset exact in each; widened at the loop heads they pass every bound, and the loops' proven iteration counts and the strides of the pointer and the offset bound them again (the selftests' strobemeta_nounroll)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct entry {
    __u64 key;
    __u64 val;
};

struct record {
    __u16 key_lens[10];
    __u16 val_lens[10];
    __u32 tag;
};

struct out {
    struct record records[8];
    char payload[8 * 10 * 2]; /* exactly the 160 bytes appended at most: the last at offset 511 of 512 */
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct out);
} heap SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_probe_read_user)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)112;
static long (*bpf_probe_read_user_str)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)114;

SEC("raw_tp/sys_enter")
int records(__u64 *ctx)
{
    __u32 zero = 0;
    struct out *o = bpf_map_lookup_elem(&heap, &zero);
    if (!o)
        return 0;
    const char *base = (const char *)ctx[1];
    __u64 off = 0;
#pragma clang loop unroll(disable)
    for (int r = 0; r < 8; r++) {
        struct record *rec = &o->records[r];
        struct entry entries[10];
        rec->tag = 0xffff0000;
        if (bpf_probe_read_user(entries, sizeof(entries), base + r * sizeof(entries)))
            break;
#pragma clang loop unroll(disable)
        for (int i = 0; i < 10; i++) {
            __u64 len = bpf_probe_read_user_str(&o->payload[off], 1, (const void *)entries[i].key);
            if (len <= 1) {
                rec->key_lens[i] = len;
                off += len;
            }
            len = bpf_probe_read_user_str(&o->payload[off], 1, (const void *)entries[i].val);
            if (len <= 1) {
                rec->val_lens[i] = len;
                off += len;
            }
        }
    }
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
