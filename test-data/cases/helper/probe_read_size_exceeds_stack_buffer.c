// case: bpf_probe_read_kernel writes up to 31 bytes (len & 31) into a 16-byte buffer at the top of the stack frame
// kernel: reject
// expect: stack.out_of_bounds @ line 21
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
    __u64 len = regs[13] & 31; /* the send size, masked to the wrong width */
    bpf_probe_read_kernel(head, len, (void *)regs[14]);
    bpf_perf_event_output(regs, &events, BPF_F_CURRENT_CPU, head, sizeof(head));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
