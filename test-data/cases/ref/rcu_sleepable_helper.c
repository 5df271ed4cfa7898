// case: a sleepable syscall program calls bpf_copy_from_user, which may sleep, inside an RCU read section
// kernel: reject
// expect: ref.rcu_lock @ line 17
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

static long (*bpf_copy_from_user)(void *dst, __u32 size, const void *user_ptr) = (void *)148;
struct args { __u64 user_ptr; };
SEC("syscall")
int rcu_copy(struct args *ctx)
{
    __u32 data = 0;
    bpf_rcu_read_lock();
    bpf_copy_from_user(&data, sizeof(data), (void *)ctx->user_ptr);
    bpf_rcu_read_unlock();
    return data;
}
char _license[] SEC("license") = "GPL";
