// case: a tp_btf program passes prev->comm (char[16]) to bpf_strncmp with a size of 16: the read stays within the member
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    char comm[16];
} __attribute__((preserve_access_index));

static long (*bpf_strncmp)(const char *s1, __u32 s1_sz, const char *s2) = (void *)182;

SEC("tp_btf/sched_switch")
int compare_comm(unsigned long long *ctx)
{
    struct task_struct *prev = (struct task_struct *)ctx[1];
    return bpf_strncmp(prev->comm, 16, "swapper") == 0;
}

char LICENSE[] SEC("license") = "GPL";
