// case: an fentry program passes task->comm, an array inside its task_struct argument, to bpf_strncmp: a helper takes a kernel pointer as memory only when it is PTR_TRUSTED (check_reg_type, mem_types), and an fentry argument is plain: "R1 type=ptr_ expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_"
// kernel: reject
// requires: kernel-btf, trampoline
// expect: helper.arg_type @ line 20
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct task_struct {
    char comm[16];
} __attribute__((preserve_access_index));
static long (*bpf_strncmp)(const char *s1, __u32 s1_sz, const char *s2) = (void *)182;
int matched;
SEC("fentry/wake_up_new_task")
int compare_comm(unsigned long long *ctx)
{
    struct task_struct *task = (struct task_struct *)ctx[0];

    /* reading task->comm byte by byte would be allowed; passing it as
     * memory is not: copy it to the stack with bpf_probe_read_kernel
     * first */
    matched = bpf_strncmp(task->comm, 16, "init") == 0;
    return 0;
}
char _license[] SEC("license") = "GPL";
