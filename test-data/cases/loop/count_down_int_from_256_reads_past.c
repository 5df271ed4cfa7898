// case: as loop/count_down_int_to_minus_one_safe, but the walk starts at index 256, one past the 256-byte buffer: the first read, at fp+0, is past the frame, which the kernel refuses ("invalid read from stack R2 off=0 size=1"); the write of the same byte is reported too
// kernel: reject
// expect: stack.out_of_bounds @ line 14
// expect: stack.out_of_bounds @ line 16
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static long (*bpf_probe_read_user_str)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)114;
struct call_t { char filename[256]; };
unsigned long long out;
static __always_inline int truncate_string(char *str, int start)
{
    int i;
    for (i = start; i >= 0; i--) {
        if (str[i] == '/')
            return i;
        str[i] = '\0';
    }
    return -1;
}
SEC("socket")
int count_down(struct __sk_buff *skb)
{
    struct call_t call = {};
    bpf_probe_read_user_str(&call.filename, sizeof(call.filename), (void *)out);
    out = truncate_string(call.filename, 256);
    return 0;
}
char LICENSE[] SEC("license") = "GPL";
