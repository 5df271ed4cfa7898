// case: a __u64 key is filled through a __u32 pointer, so its upper 4 bytes are never written when bpf_map_lookup_elem reads it (allowed for root, a warning)
// kernel: accept
// expect: uninit.stack @ line 24
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u64);
    __type(value, __u64);
} per_pid SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int count_writes(void *ctx) {
    __u64 key;
    *(volatile __u32 *)&key = bpf_get_current_pid_tgid() >> 32;
    __u64 *count = bpf_map_lookup_elem(&per_pid, &key);
    if (count)
        __sync_fetch_and_add(count, 1);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
