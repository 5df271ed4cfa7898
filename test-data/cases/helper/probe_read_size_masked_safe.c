// case: the same copy with the size masked to 0..15, inside the 16-byte buffer (a zero size is allowed for bpf_probe_read_kernel)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;
static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags, void *data, __u64 size) = (void *)25;

struct {
    int (*type)[BPF_MAP_TYPE_PERF_EVENT_ARRAY];
    int (*key_size)[4];
    int (*value_size)[4];
} events SEC(".maps");

SEC("kprobe/tcp_sendmsg")
int probe_sendmsg(__u64 *regs) {
    char head[16] = {};
    __u64 len = regs[13] & 15;
    bpf_probe_read_kernel(head, len, (void *)regs[14]);
    bpf_perf_event_output(regs, &events, BPF_F_CURRENT_CPU, head, sizeof(head));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
