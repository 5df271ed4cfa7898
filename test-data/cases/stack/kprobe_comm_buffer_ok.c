// case: 16-byte stack buffer filled by bpf_get_current_comm and used as a map key
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_get_current_comm)(void *buf, __u32 size_of_buf) = (void *)16;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct comm_key {
    char comm[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, struct comm_key);
    __type(value, __u64);
} exec_counts SEC(".maps");

SEC("kprobe/do_sys_openat2")
int count_opens(void *ctx)
{
    struct comm_key key;
    bpf_get_current_comm(key.comm, sizeof(key.comm));
    __u64 *count = bpf_map_lookup_elem(&exec_counts, &key);
    if (count)
        __sync_fetch_and_add(count, 1);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
