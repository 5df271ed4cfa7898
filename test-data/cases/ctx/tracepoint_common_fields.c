// case: tracepoint program reads common_pid from the record header; the first 8 bytes (common_* fields) of a tracepoint record are not accessible
// expect: ctx.bad_access @ line 23
// kernel: reject
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* format of /sys/kernel/tracing/events/sched/sched_process_exec */
struct sched_process_exec_args {
    unsigned short common_type;
    unsigned char common_flags;
    unsigned char common_preempt_count;
    int common_pid;
    int __data_loc_filename;
    int pid;
    int old_pid;
};

SEC("tracepoint/sched/sched_process_exec")
int tp_exec(struct sched_process_exec_args *ctx)
{
    return ctx->common_pid == ctx->pid; // <-- common_pid is at offset 4
}

char LICENSE[] SEC("license") = "GPL";
