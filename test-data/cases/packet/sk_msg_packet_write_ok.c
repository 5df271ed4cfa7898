// case: sk_msg program rewrites the first byte of the message after a bounds check (sk_msg has direct write access)
// expect: pass
// kernel: accept
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("sk_msg")
int msg_upcase(struct sk_msg_md *msg)
{
    unsigned char *data = msg->data;
    void *data_end = msg->data_end;

    if ((void *)(data + 1) > data_end)
        return SK_PASS;
    if (data[0] >= 'a' && data[0] <= 'z')
        data[0] -= 'a' - 'A';
    return SK_PASS;
}

char LICENSE[] SEC("license") = "GPL";
